package io.runvault.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code figures/confusion_matrix.png}: an annotated heatmap like seaborn's
 * {@code heatmap(cm, annot=True, fmt='d', cmap='Blues')}: counts in each cell (white on dark
 * cells), class names on both axes (x labels rotated 45 degrees), "Predicted label" / "True label"
 * axis titles, a title with the accuracy, and a colour bar. Always {@value #WIDTH} x {@value #HEIGHT}
 * pixels; fonts shrink for many classes and cell counts are left out when a cell is too small to hold them.
 *
 * <p>Drawn with Java2D rather than JFreeChart: JFreeChart's heatmap (XYBlockRenderer over two
 * SymbolAxis) has no per-cell text with contrasting colours, rotates category labels only by 90
 * degrees and would still need its layout overridden, so direct drawing is both shorter and
 * closer to the seaborn figure the users know.
 */
public final class ConfusionMatrixFigure {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 900;

    /** Anchors of the Blues colour map ({@link Figures#blues}); the colour bar draws one gradient between each pair. */
    private static final int BLUES_ANCHORS = 9;
    /** Axis titles ("True label", "Predicted label") larger than the class names under them. */
    private static final float AXIS_TITLE = 17f;

    private ConfusionMatrixFigure() {
    }

    /** Renders the report's confusion matrix, titled with its accuracy. */
    public static BufferedImage render(ClassificationReport report) {
        String title = String.format(java.util.Locale.ROOT, "Confusion matrix (accuracy %.4f, n = %d)",
                report.accuracy(), report.total());
        return render(report.classNames(), report.confusionMatrix(), title);
    }

    public static void writePng(ClassificationReport report, OutputStream out) throws IOException {
        Figures.writePng(render(report), out);
    }

    /** Renders counts {@code [true][predicted]} with the class names in index order. */
    public static BufferedImage render(List<String> classNames, long[][] counts, String title) {
        int k = classNames.size();
        if (k == 0 || counts.length != k) {
            throw new IllegalArgumentException(counts.length + " rows for " + k + " classes");
        }
        long max = 0;
        for (long[] row : counts) {
            if (row.length != k) {
                throw new IllegalArgumentException("confusion matrix must be " + k + " x " + k);
            }
            for (long v : row) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative count " + v);
                }
                max = Math.max(max, v);
            }
        }
        BufferedImage image = Figures.canvas(WIDTH, HEIGHT);
        Graphics2D g = Figures.graphics(image);
        try {
            draw(g, classNames, counts, max, title);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Where the matrix sits: {@code k} cells of {@code cell} pixels from (x0, y0), labels in {@code labels}. */
    private record Layout(int k, int cell, int x0, int y0, int rotatedDrop, Font labels, FontMetrics lm) {
        int side() {
            return cell * k;
        }
    }

    private static void draw(Graphics2D g, List<String> names, long[][] counts, long max, String title) {
        Layout at = layout(g, names);
        g.setFont(Figures.font(Font.BOLD, 20f));
        g.setColor(Figures.TEXT);
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, Math.max(10, at.x0() + at.side() / 2 - tm.stringWidth(title) / 2), 40);
        cells(g, at, counts, max);
        tickLabels(g, at, names);
        axisTitles(g, at);
        colourBar(g, at, max);
    }

    private static Layout layout(Graphics2D g, List<String> names) {
        int k = names.size();
        float labelSize = k <= 12 ? 15f : k <= 25 ? 12f : k <= 50 ? 9f : 7f;
        Font labelFont = Figures.font(Font.PLAIN, labelSize);
        FontMetrics lm = g.getFontMetrics(labelFont);
        int maxLabel = 0;
        for (String n : names) {
            maxLabel = Math.max(maxLabel, lm.stringWidth(n));
        }
        maxLabel = Math.min(maxLabel, 260); // very long names are clipped by the canvas, not the layout
        int axisTitleHeight = g.getFontMetrics(Figures.font(Font.PLAIN, AXIS_TITLE)).getHeight();
        int top = 70;
        int colourBarSpace = 130;
        int left = 20 + axisTitleHeight + 12 + maxLabel + 10;
        // x labels rotated 45 degrees drop by width * sin 45 + height.
        int rotatedDrop = (int) Math.ceil(maxLabel * Math.sqrt(0.5) + lm.getHeight());
        int bottom = 20 + axisTitleHeight + 10 + rotatedDrop + 8;
        int cell = Math.max(1, Math.min((WIDTH - left - colourBarSpace) / k, (HEIGHT - top - bottom) / k));
        // Centre the matrix horizontally in its area.
        int x0 = left + Math.max(0, (WIDTH - left - colourBarSpace - cell * k) / 2);
        return new Layout(k, cell, x0, top, rotatedDrop, labelFont, lm);
    }

    /** The cells in Blues, each with its count where the count fits. */
    private static void cells(Graphics2D g, Layout at, long[][] counts, long max) {
        int cell = at.cell();
        float countSize = Math.min(18f, cell * 0.32f);
        Font countFont = Figures.font(Font.PLAIN, countSize);
        FontMetrics cm = g.getFontMetrics(countFont);
        for (int t = 0; t < at.k(); t++) {
            for (int p = 0; p < at.k(); p++) {
                Color c = blues(max == 0 ? 0 : (double) counts[t][p] / max);
                g.setColor(c);
                g.fillRect(at.x0() + p * cell, at.y0() + t * cell, cell, cell);
                String text = Long.toString(counts[t][p]);
                if (countSize >= 7f && cm.stringWidth(text) <= cell - 4) {
                    g.setFont(countFont);
                    g.setColor(Figures.luminance(c) > 0.408 ? Color.BLACK : Color.WHITE);
                    g.drawString(text, at.x0() + p * cell + (cell - cm.stringWidth(text)) / 2f,
                            at.y0() + t * cell + (cell + cm.getAscent() - cm.getDescent()) / 2f);
                }
            }
        }
    }

    /** Tick labels: y (true) right-aligned to the left of the rows, x (predicted) rotated 45 degrees. */
    private static void tickLabels(Graphics2D g, Layout at, List<String> names) {
        FontMetrics lm = at.lm();
        int x0 = at.x0();
        int y0 = at.y0();
        int side = at.side();
        g.setFont(at.labels());
        g.setColor(Figures.TEXT);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < at.k(); i++) {
            String n = names.get(i);
            int cy = y0 + i * at.cell() + at.cell() / 2;
            g.drawLine(x0 - 5, cy, x0, cy);
            g.drawString(n, x0 - 8 - lm.stringWidth(n), cy + (lm.getAscent() - lm.getDescent()) / 2f);
            int cx = x0 + i * at.cell() + at.cell() / 2;
            g.drawLine(cx, y0 + side, cx, y0 + side + 5);
            AffineTransform saved = g.getTransform();
            g.translate(cx + lm.getAscent() / 2.0 * Math.sqrt(0.5), y0 + side + 10);
            g.rotate(-Math.PI / 4);
            g.drawString(n, -lm.stringWidth(n), lm.getAscent() / 2f);
            g.setTransform(saved);
        }
    }

    private static void axisTitles(Graphics2D g, Layout at) {
        int side = at.side();
        g.setFont(Figures.font(Font.PLAIN, AXIS_TITLE));
        FontMetrics am = g.getFontMetrics();
        String xTitle = "Predicted label";
        g.drawString(xTitle, at.x0() + side / 2f - am.stringWidth(xTitle) / 2f,
                at.y0() + side + 10 + at.rotatedDrop() + am.getAscent() + 6);
        String yTitle = "True label";
        AffineTransform saved = g.getTransform();
        g.translate(20 + am.getAscent(), at.y0() + side / 2.0 + am.stringWidth(yTitle) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, 0, 0);
        g.setTransform(saved);
    }

    /** Colour bar: the matrix's height, 0 at the bottom, the largest count at the top. */
    private static void colourBar(Graphics2D g, Layout at, long max) {
        int y0 = at.y0();
        int side = at.side();
        int bx = at.x0() + side + 30;
        int bw = 24;
        int segments = BLUES_ANCHORS - 1;
        for (int i = 0; i < segments; i++) {
            float ya = y0 + side - (float) side * i / segments;
            float yb = y0 + side - (float) side * (i + 1) / segments;
            g.setPaint(new GradientPaint(0, ya, Figures.blues((double) i / segments), 0, yb,
                    Figures.blues((double) (i + 1) / segments)));
            g.fillRect(bx, (int) Math.floor(yb), bw, (int) Math.ceil(ya - yb) + 1);
        }
        g.setColor(Figures.TEXT);
        g.drawRect(bx, y0, bw, side);
        g.setFont(Figures.font(Font.PLAIN, Figures.TICK_LABEL));
        FontMetrics km = g.getFontMetrics();
        double step = Math.max(1, Figures.niceStep(max, 5));
        for (double v = 0; v <= max + 1e-9; v += step) {
            int y = (int) Math.round(y0 + side - (max == 0 ? 0 : v / max * side));
            g.drawLine(bx + bw, y, bx + bw + 5, y);
            g.drawString(Long.toString(Math.round(v)), bx + bw + 8, y + (km.getAscent() - km.getDescent()) / 2f);
        }
    }

    /** The Blues colour of a value in [0, 1]. */
    static Color blues(double v) {
        return Figures.blues(v);
    }
}

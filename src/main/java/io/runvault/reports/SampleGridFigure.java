package io.runvault.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code figures/sample_grid.png} (and prediction grids): up to {@value #MAX_IMAGES} images in
 * {@value #COLUMNS} columns, each scaled to {@value #IMAGE} x {@value #IMAGE} pixels (nearest
 * neighbour, aspect kept) with its caption under it. The PNG is {@value #WIDTH} pixels wide and
 * {@code 60 + rows x 280} high: 900 x 900 for the usual 12 samples (3 rows). In a prediction
 * grid the caption reads "true: A" / "pred: B", green when right, red with a red frame when wrong.
 */
public final class SampleGridFigure {

    public static final int COLUMNS = 4;
    public static final int IMAGE = 196;
    public static final int CELL_WIDTH = 225;
    public static final int CELL_HEIGHT = 280;
    public static final int TITLE_HEIGHT = 60;
    public static final int WIDTH = COLUMNS * CELL_WIDTH;
    public static final int MAX_IMAGES = 48;

    private static final Color RIGHT = new Color(0x1a7f37);

    private SampleGridFigure() {
    }

    /** The height of a grid of n images. */
    public static int height(int n) {
        int rows = Math.max(1, (n + COLUMNS - 1) / COLUMNS);
        return TITLE_HEIGHT + rows * CELL_HEIGHT;
    }

    public static void writePng(List<SampleImage> images, String title, OutputStream out) throws IOException {
        Figures.writePng(render(images, title), out);
    }

    public static BufferedImage render(List<SampleImage> images, String title) {
        if (images.isEmpty() || images.size() > MAX_IMAGES) {
            throw new IllegalArgumentException("a grid holds 1 to " + MAX_IMAGES + " images, got " + images.size());
        }
        BufferedImage canvas = Figures.canvas(WIDTH, height(images.size()));
        Graphics2D g = Figures.graphics(canvas);
        try {
            g.setFont(Figures.font(Font.BOLD, 20f));
            g.setColor(Figures.TEXT);
            FontMetrics tm = g.getFontMetrics();
            g.drawString(title, (WIDTH - tm.stringWidth(title)) / 2f, 38);
            Font caption = Figures.font(Font.PLAIN, 15f);
            for (int i = 0; i < images.size(); i++) {
                SampleImage s = images.get(i);
                int cx = (i % COLUMNS) * CELL_WIDTH;
                int cy = TITLE_HEIGHT + (i / COLUMNS) * CELL_HEIGHT;
                double scale = (double) IMAGE / Math.max(s.height(), s.width());
                int w = (int) Math.round(s.width() * scale);
                int h = (int) Math.round(s.height() * scale);
                int ix = cx + (CELL_WIDTH - w) / 2;
                int iy = cy + 8 + (IMAGE - h) / 2;
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g.drawImage(toImage(s), ix, iy, w, h, null);
                if (s.mistake()) {
                    g.setColor(Figures.RED);
                    g.setStroke(new BasicStroke(4f));
                    g.drawRect(ix - 3, iy - 3, w + 5, h + 5);
                } else {
                    g.setColor(new Color(0xbbbbbb));
                    g.setStroke(new BasicStroke(1f));
                    g.drawRect(ix - 1, iy - 1, w + 1, h + 1);
                }
                String[] lines = s.predicted() == null ? new String[] {s.label()}
                        : new String[] {"true: " + s.label(), "pred: " + s.predicted()};
                g.setColor(s.predicted() == null ? Figures.TEXT : s.mistake() ? Figures.RED : RIGHT);
                g.setFont(s.mistake() ? caption.deriveFont(Font.BOLD) : caption);
                FontMetrics fm = g.getFontMetrics();
                int y = cy + 8 + IMAGE + 12 + fm.getAscent();
                for (String line : lines) {
                    String fitted = fit(line, fm, CELL_WIDTH - 10);
                    g.drawString(fitted, cx + (CELL_WIDTH - fm.stringWidth(fitted)) / 2f, y);
                    y += fm.getHeight();
                }
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Shortens a caption with an ellipsis to fit the width. */
    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "\u2026") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }

    private static BufferedImage toImage(SampleImage s) {
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                img.setRGB(x, y, s.rgb(y, x));
            }
        }
        return img;
    }
}

package io.runvault.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one chart style of every figure Runvault writes (training, cross-validation, evaluation,
 * robustness, comparison and study figures): a white canvas, a light solid grid, matplotlib's
 * tab10 colours and "Blues" colour map, sans-serif fonts, a frameless legend below the plot, and PNG
 * encoding. Users compare these figures side by side with their matplotlib plots, so every figure
 * takes its fonts, colours and plot frame from here rather than setting its own.
 */
public final class Figures {

    /** matplotlib's default colour cycle ("tab10"). */
    private static final Color[] TAB10 = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    public static final Color BLUE = TAB10[0];
    public static final Color ORANGE = TAB10[1];
    public static final Color GREEN = TAB10[2];
    public static final Color RED = TAB10[3];
    public static final Color TEXT = new Color(0x222222);
    public static final Color GRID = new Color(0xdddddd);
    /** Fully transparent: marker labels drawn straight on the plot. */
    private static final Color CLEAR = new Color(255, 255, 255, 0);

    /** Font sizes (points at 1 pixel per point): chart titles, axis labels, tick labels, legend items. */
    public static final float TITLE = 18f;
    public static final float AXIS_LABEL = 15f;
    public static final float TICK_LABEL = 13f;
    public static final float LEGEND = 14f;
    public static final float NOTE = 12f;

    /** matplotlib's "Blues" colour map (ColorBrewer, 9 anchors, linearly interpolated). */
    private static final Color[] BLUES = {
        new Color(0xf7fbff), new Color(0xdeebf7), new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x6baed6),
        new Color(0x4292c6), new Color(0x2171b5), new Color(0x08519c), new Color(0x08306b)};

    private Figures() {
    }

    /** The i-th colour of the tab10 cycle (wrapping after ten). */
    public static Color colour(int i) {
        return TAB10[i % TAB10.length];
    }

    /** The Blues colour of a value in [0, 1] (0 the lightest, 1 the darkest). */
    public static Color blues(double v) {
        double x = Math.max(0, Math.min(1, v)) * (BLUES.length - 1);
        int i = Math.min((int) x, BLUES.length - 2);
        double f = x - i;
        Color a = BLUES[i];
        Color b = BLUES[i + 1];
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }

    /** A white RGB canvas and its antialiased graphics. */
    public static BufferedImage canvas(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    public static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, 12).deriveFont(size);
    }

    /** The stroke of data lines. */
    public static BasicStroke line() {
        return new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed stroke (6 on, 4 off) for reference lines such as a mean or the best epoch. */
    public static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Axis label and tick fonts and colours; returns the axis for chaining. */
    public static <A extends Axis> A axis(A a) {
        a.setLabelFont(font(Font.PLAIN, AXIS_LABEL));
        a.setTickLabelFont(font(Font.PLAIN, TICK_LABEL));
        a.setLabelPaint(TEXT);
        a.setTickLabelPaint(TEXT);
        return a;
    }

    /** White background, light solid grid, grey frame, axes touching the data area. */
    public static XYPlot plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        axis(plot.getDomainAxis());
        axis(plot.getRangeAxis());
        return plot;
    }

    /** As {@link #plot(XYPlot)}, with grid lines across the value axis only. */
    public static CategoryPlot plot(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        axis(plot.getDomainAxis());
        axis(plot.getRangeAxis());
        return plot;
    }

    /** A chart with a {@value #TITLE}-point title; the legend, if any, below the plot without a frame. */
    public static JFreeChart chart(String title, Plot plot, boolean legend) {
        return chart(title, TITLE, plot, legend);
    }

    public static JFreeChart chart(String title, float titleSize, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, font(Font.BOLD, titleSize), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(10, 14, 10, 18));
        chart.getTitle().setPaint(TEXT);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(font(Font.PLAIN, LEGEND));
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    /** Adds a plain subtitle line below the chart's title. */
    public static JFreeChart subtitle(JFreeChart chart, String text) {
        TextTitle sub = new TextTitle(text, font(Font.PLAIN, LEGEND));
        sub.setPaint(TEXT);
        chart.addSubtitle(sub);
        return chart;
    }

    /** A labelled reference line (the label in {@value #NOTE}-point text of the line's colour). */
    public static ValueMarker marker(double value, Color colour, BasicStroke stroke, String label) {
        ValueMarker m = new ValueMarker(value, colour, stroke);
        m.setLabel(label);
        m.setLabelFont(font(Font.PLAIN, NOTE));
        m.setLabelPaint(colour);
        m.setLabelBackgroundColor(CLEAR);
        return m;
    }

    /** Draws the charts side by side, in equal widths, on one white canvas of the given size. */
    public static BufferedImage render(int width, int height, JFreeChart... charts) {
        BufferedImage image = canvas(width, height);
        Graphics2D g = graphics(image);
        try {
            int panels = Math.max(1, charts.length);
            for (int i = 0; i < charts.length; i++) {
                int x0 = i * width / panels;
                charts[i].draw(g, new Rectangle(x0, 0, (i + 1) * width / panels - x0, height));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Encodes the image as PNG onto the stream (not closed). */
    public static void writePng(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        out.flush();
    }

    /** WCAG relative luminance of an sRGB colour, as seaborn uses to pick annotation colours. */
    public static double luminance(Color c) {
        double r = channel(c.getRed());
        double g = channel(c.getGreen());
        double b = channel(c.getBlue());
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int v) {
        double x = v / 255.0;
        return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    }

    /** "Nice" tick step (1, 2 or 5 times a power of ten) for about {@code ticks} ticks over [0, max]. */
    public static double niceStep(double max, int ticks) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / ticks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * p;
    }
}

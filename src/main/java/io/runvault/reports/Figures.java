package io.runvault.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * What the PNG writers share: canvas set-up, fonts, matplotlib's colours and "Blues" colour map, PNG
 * encoding. Public so that other features' figures (the study figures) keep the same house style.
 */
public final class Figures {

    /** matplotlib's default colour cycle ("tab10"): blue, orange, green, red. */
    public static final Color BLUE = new Color(0x1f77b4);
    public static final Color ORANGE = new Color(0xff7f0e);
    public static final Color GREEN = new Color(0x2ca02c);
    public static final Color RED = new Color(0xd62728);
    public static final Color TEXT = new Color(0x222222);
    public static final Color GRID = new Color(0xdddddd);

    /** matplotlib's "Blues" colour map (ColorBrewer, 9 anchors, linearly interpolated). */
    private static final Color[] BLUES = {
        new Color(0xf7fbff), new Color(0xdeebf7), new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x6baed6),
        new Color(0x4292c6), new Color(0x2171b5), new Color(0x08519c), new Color(0x08306b)};

    private Figures() {
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

package io.runvault.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/** What the PNG writers share: canvas set-up, fonts, matplotlib's colours, PNG encoding. */
final class Figures {

    /** matplotlib's default colour cycle ("tab10"): blue, orange, green, red. */
    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color RED = new Color(0xd62728);
    static final Color TEXT = new Color(0x222222);
    static final Color GRID = new Color(0xdddddd);

    private Figures() {
    }

    /** A white RGB canvas and its antialiased graphics. */
    static BufferedImage canvas(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, 12).deriveFont(size);
    }

    /** Encodes the image as PNG onto the stream (not closed). */
    static void writePng(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        out.flush();
    }

    /** WCAG relative luminance of an sRGB colour, as seaborn uses to pick annotation colours. */
    static double luminance(Color c) {
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
    static double niceStep(double max, int ticks) {
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

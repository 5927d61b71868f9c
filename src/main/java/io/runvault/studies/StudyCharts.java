package io.runvault.studies;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

/**
 * What the study figures share on top of {@link Figures}: which trials are plotted, the subtitle
 * with the trial counts, the darker-is-better colouring, and the hand-drawn parts (titles, colour
 * bars, clipped labels) of the figures JFreeChart has no plot for.
 */
final class StudyCharts {

    static final String NO_COMPLETED = "no completed trials";
    /** Study figure titles are a size above the other figures', as Optuna's are. */
    static final float TITLE = 20f;
    /** The room right of the plots for a colour bar and its ticks. */
    static final int COLOUR_BAR_SPACE = 130;

    private StudyCharts() {
    }

    /** COMPLETE trials with a finite objective value, in number order. */
    static List<Trial> plottable(Study study) {
        List<Trial> out = new ArrayList<>();
        for (Trial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())) {
                out.add(t);
            }
        }
        return out;
    }

    static String objectiveLabel(Study study) {
        return "Objective Value (" + study.objective().metric() + ")";
    }

    /** "study s, minimize val_loss: 12 trials (10 complete, 2 pruned)". */
    static String counts(Study study) {
        Map<TrialState, Integer> n = new LinkedHashMap<>();
        for (Trial t : study.trials()) {
            n.merge(t.state(), 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder();
        s.append(study.trials().size()).append(study.trials().size() == 1 ? " trial" : " trials");
        List<String> parts = new ArrayList<>();
        for (TrialState st : TrialState.values()) {
            if (n.containsKey(st)) {
                parts.add(n.get(st) + " " + st.name().toLowerCase(Locale.ROOT));
            }
        }
        if (!parts.isEmpty()) {
            s.append(" (").append(String.join(", ", parts)).append(")");
        }
        return "study " + study.name() + ", " + study.direction().name().toLowerCase(Locale.ROOT) + " "
                + study.objective().metric() + ": " + s;
    }

    /** Darker is better: the colour of a value's position on the objective axis (0 = lowest). */
    static DoubleFunction<Color> goodness(Direction direction) {
        return u -> Figures.blues(0.1 + 0.9 * (Double.isNaN(u) ? 0.5 : direction == Direction.MAXIMIZE ? u : 1 - u));
    }

    /** A chart in the study figures' title size, with the subtitle (if any) below the title. */
    static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = Figures.chart(title, TITLE, plot, legend);
        return subtitle == null ? chart : Figures.subtitle(chart, subtitle);
    }

    static XYPlot xyPlot(ValueAxis x, ValueAxis y) {
        return Figures.plot(new XYPlot(null, x, y, null));
    }

    static XYLineAndShapeRenderer points(Color colour, double diameter) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, colour);
        r.setSeriesShape(0, new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter));
        return r;
    }

    /**
     * When every y value is the same (one trial, or a flat objective), a range around it: JFreeChart's
     * automatic range would be a sliver with a dozen identical tick labels.
     */
    static void padIfFlat(NumberAxis y, XYSeries... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series) {
            for (int i = 0; i < s.getItemCount(); i++) {
                double v = s.getY(i).doubleValue();
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min <= max && max - min <= 1e-9 * Math.max(1, Math.abs(max))) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            y.setRange(min - pad, max + pad);
        }
    }

    static BufferedImage draw(JFreeChart chart, int width, int height) {
        return Figures.render(width, height, chart);
    }

    /** A figure with a title and a message in the middle of a framed, empty plot area. */
    static BufferedImage message(int width, int height, String title, String message) {
        BufferedImage image = Figures.canvas(width, height);
        Graphics2D g = Figures.graphics(image);
        try {
            title(g, title, null, width);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(40, 80, width - 80, height - 120);
            g.setFont(Figures.font(Font.PLAIN, 18f));
            g.setColor(Figures.TEXT);
            FontMetrics fm = g.getFontMetrics();
            String text = clip(message, fm, width - 120);
            g.drawString(text, width / 2f - fm.stringWidth(text) / 2f, 80 + (height - 120) / 2f);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A title centred over {@code width} pixels, with a subtitle line below when there is one. */
    static void title(Graphics2D g, String title, String subtitle, int width) {
        g.setColor(Figures.TEXT);
        g.setFont(Figures.font(Font.BOLD, TITLE));
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, width / 2f - tm.stringWidth(title) / 2f, 36);
        if (subtitle != null) {
            g.setFont(Figures.font(Font.PLAIN, Figures.LEGEND));
            FontMetrics sm = g.getFontMetrics();
            String s = clip(subtitle, sm, width - 40);
            g.drawString(s, width / 2f - sm.stringWidth(s) / 2f, 60);
        }
    }

    /** A vertical colour bar: the scale's low end at the bottom, with its ticks on the right. */
    static void colourBar(Graphics2D g, Rectangle at, DoubleFunction<Color> colourOf, ParamScale scale) {
        int x = at.x;
        int y = at.y;
        int w = at.width;
        int height = at.height;
        for (int i = 0; i < height; i++) {
            g.setColor(colourOf.apply(1 - (i + 0.5) / height));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(Figures.TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, height);
        g.setFont(Figures.font(Font.PLAIN, Figures.NOTE));
        FontMetrics km = g.getFontMetrics();
        for (ParamScale.Tick t : scale.ticks(6)) {
            int ty = (int) Math.round(y + height - t.unit() * height);
            g.drawLine(x + w, ty, x + w + 4, ty);
            g.drawString(clip(t.label(), km, 80), x + w + 7, ty + (km.getAscent() - km.getDescent()) / 2f);
        }
        g.setFont(Figures.font(Font.PLAIN, Figures.TICK_LABEL));
        FontMetrics lm = g.getFontMetrics();
        String label = clip(scale.label(), lm, COLOUR_BAR_SPACE - 16);
        g.drawString(label, Math.min(x - 6, g.getDeviceConfiguration().getBounds().width - 8 - lm.stringWidth(label)), y - 10);
    }

    /** The colour bar's place: 22 pixels wide at (x, y). */
    static Rectangle bar(int x, int y, int height) {
        return new Rectangle(x, y, 22, height);
    }

    /** Text over a white halo, readable on top of the polylines. */
    static void drawHalo(Graphics2D g, String s, float x, float y) {
        FontMetrics fm = g.getFontMetrics();
        Color c = g.getColor();
        g.setColor(new Color(255, 255, 255, 200));
        g.fillRect(Math.round(x) - 2, Math.round(y) - fm.getAscent(), fm.stringWidth(s) + 4, fm.getAscent() + fm.getDescent());
        g.setColor(c);
        g.drawString(s, x, y);
    }

    /** The text, cut with "..." to fit {@code width} pixels. */
    static String clip(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String out = s;
        while (out.length() > 1 && fm.stringWidth(out + "...") > width) {
            out = out.substring(0, out.length() - 1);
        }
        return out + "...";
    }

    /** Tick labels of log axes in the compact form of {@link ParamScale#number}. */
    static final NumberFormat COMPACT = new NumberFormat() {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(ParamScale.number(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(ParamScale.number(number));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    };
}

package io.runvault.evaluation;

import io.runvault.reports.Figures;
import io.runvault.reports.SampleImage;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The robustness figures:
 * <ul>
 * <li>{@code robustness_accuracy.png} ({@value #ACCURACY_WIDTH} x {@value #ACCURACY_HEIGHT}):
 *     accuracy against severity, one line per corruption, each starting from the clean accuracy
 *     at severity 0;</li>
 * <li>{@code robustness_errors.png} ({@value #ERRORS_WIDTH} x {@value #ERRORS_HEIGHT}): two bar
 *     charts side by side, the corruption error per corruption with the mCE as a dashed line, and
 *     the mean relative accuracy drop per corruption;</li>
 * <li>a sample grid per corruption ({@link io.runvault.reports.SampleGridFigure}): the clean
 *     images in the first row, one row per severity below, each captioned with the prediction.</li>
 * </ul>
 */
public final class RobustnessFigures {

    public static final int ACCURACY_WIDTH = 1200;
    public static final int ACCURACY_HEIGHT = 720;
    public static final int ERRORS_WIDTH = 1400;
    public static final int ERRORS_HEIGHT = 640;

    private RobustnessFigures() {
    }

    public static BufferedImage accuracy(RobustnessResult r) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Corruption c : r.corruptions()) {
            XYSeries s = new XYSeries(c.displayName(), true, false);
            s.add(0, r.cleanAccuracy());
            for (CorruptionAccuracy a : r.of(c)) {
                s.add(a.severity(), a.accuracy());
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis("Severity (0 = clean)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(-0.2, r.severities().get(r.severities().size() - 1) + 0.2);
        NumberAxis y = new NumberAxis("Accuracy");
        y.setRange(0, 1.02);
        y.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Figures.colour(i));
            renderer.setSeriesStroke(i, Figures.line());
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        Figures.plot(plot);
        String title = String.format(Locale.ROOT, "Accuracy under corruption (clean %.4f, n = %d)", r.cleanAccuracy(),
                r.samples());
        return Figures.render(ACCURACY_WIDTH, ACCURACY_HEIGHT, Figures.chart(title, plot, true));
    }

    public static BufferedImage errors(CorruptionErrors e) {
        DefaultCategoryDataset ce = new DefaultCategoryDataset();
        DefaultCategoryDataset drop = new DefaultCategoryDataset();
        for (CorruptionErrors.Entry row : e.perCorruption()) {
            ce.addValue(finiteOrNull(row.ce()), "CE", row.corruption().displayName());
            drop.addValue(finiteOrNull(row.meanRelativeDrop()), "relative drop", row.corruption().displayName());
        }
        String ref = e.baseline() == null ? "own clean error" : "baseline " + e.baseline();
        String ceTitle = Double.isNaN(e.mce()) ? "Corruption error vs " + ref + " (mCE undefined)"
                : String.format(Locale.ROOT, "Corruption error vs %s (mCE %.3f)", ref, e.mce());
        JFreeChart left = bars(ceTitle, "CE", ce, Figures.colour(0), Double.isNaN(e.mce()) ? null : e.mce());
        double meanDrop = e.perCorruption().stream().mapToDouble(CorruptionErrors.Entry::meanRelativeDrop).average()
                .orElse(Double.NaN);
        JFreeChart right = bars(String.format(Locale.ROOT, "Mean relative accuracy drop (mean %.3f)", meanDrop),
                "(clean - corrupted) / clean", drop, Figures.colour(1), null);
        return Figures.render(ERRORS_WIDTH, ERRORS_HEIGHT, left, right);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static JFreeChart bars(String title, String yLabel, DefaultCategoryDataset data, Color colour, Double mean) {
        CategoryAxis x = new CategoryAxis(null);
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis(yLabel);
        y.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, colour);
        renderer.setMaximumBarWidth(0.08);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        Figures.plot(plot);
        if (mean != null) {
            ValueMarker m = Figures.marker(mean, Figures.TEXT, Figures.dashed(1.5f),
                    String.format(Locale.ROOT, "mCE %.3f", mean));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        return Figures.chart(title, plot, false);
    }

    /** The images of a corruption's sample grid: the clean row, then one row per severity. */
    public static List<SampleImage> grid(RobustnessResult r, Corruption c) {
        List<SampleImage> out = new ArrayList<>(r.cleanSamples());
        out.addAll(r.corruptedSamples().getOrDefault(c, List.of()));
        return out;
    }

    /** "Gaussian noise: rows clean, severity 1, 2, 3". */
    public static String gridTitle(RobustnessResult r, Corruption c) {
        return c.displayName() + ": rows clean, severity "
                + r.severities().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}

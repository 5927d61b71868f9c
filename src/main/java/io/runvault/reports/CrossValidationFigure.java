package io.runvault.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code figures/cv_folds.png}: {@value #WIDTH} x {@value #HEIGHT} pixels, one panel per metric
 * (the selection metric, accuracy and loss on validation, those the folds report) side by side:
 * each fold's value as a point, the mean as a dashed line and mean ± std as a shaded band, the way
 * users plot their fold summaries with matplotlib's {@code axhline} and {@code axhspan}.
 */
public final class CrossValidationFigure {

    public static final int WIDTH = 1500;
    public static final int HEIGHT = 520;

    private CrossValidationFigure() {
    }

    /** The metrics drawn: {@code val_<selection>}, {@code val_accuracy}, {@code val_loss}, when present. */
    public static List<String> metrics(CrossValidationSummary summary, String selectionMetric) {
        List<String> out = new ArrayList<>();
        for (String m : List.of(selectionMetric, "val_accuracy", "val_loss")) {
            if (summary.stats().containsKey(m) && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    public static BufferedImage render(CrossValidationSummary summary, String selectionMetric) {
        List<String> metrics = metrics(summary, selectionMetric);
        JFreeChart[] charts = new JFreeChart[metrics.size()];
        for (int i = 0; i < charts.length; i++) {
            charts[i] = chart(summary, metrics.get(i));
        }
        return Figures.render(WIDTH, HEIGHT, charts);
    }

    public static void writePng(CrossValidationSummary summary, String selectionMetric, OutputStream out) throws IOException {
        Figures.writePng(render(summary, selectionMetric), out);
    }

    private static JFreeChart chart(CrossValidationSummary summary, String metric) {
        CrossValidationSummary.Stat stat = summary.stats().get(metric);
        XYSeries points = new XYSeries(metric + " per fold", true, false);
        for (CrossValidationSummary.Fold f : summary.folds()) {
            points.add(f.fold(), f.metrics().get(metric));
        }
        NumberAxis x = new NumberAxis("Fold");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, summary.folds().size() + 0.5);
        String label = TrainingCurvesFigure.displayName(metric);
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        double pad = Math.max(stat.std() * 1.5, Math.max(1e-3, Math.abs(stat.mean()) * 0.01));
        y.setRange(Math.min(stat.min(), stat.mean() - stat.std()) - pad, Math.max(stat.max(), stat.mean() + stat.std()) + pad);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, Figures.BLUE);
        r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        XYPlot plot = Figures.plot(new XYPlot(new XYSeriesCollection(points), x, y, r));
        IntervalMarker band = new IntervalMarker(stat.mean() - stat.std(), stat.mean() + stat.std(),
                new Color(0xff, 0x7f, 0x0e, 0x33));
        band.setLabel("± std " + String.format(Locale.ROOT, "%.4f", stat.std()));
        band.setLabelFont(Figures.font(Font.PLAIN, Figures.NOTE));
        band.setLabelPaint(Figures.ORANGE);
        band.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        band.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        band.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        ValueMarker mean = Figures.marker(stat.mean(), Figures.ORANGE, Figures.dashed(2f),
                "mean " + String.format(Locale.ROOT, "%.4f", stat.mean()));
        mean.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        mean.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(mean);
        return Figures.chart(label + " over " + summary.folds().size() + " folds", plot, false);
    }
}

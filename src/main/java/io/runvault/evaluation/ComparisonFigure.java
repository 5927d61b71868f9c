package io.runvault.evaluation;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code figures/model_metrics.png} ({@value #WIDTH} x {@value #HEIGHT}): grouped bars, one group
 * per metric and one bar per model, each with its bootstrap percentile interval as an error bar.
 * The intervals are asymmetric, which JFreeChart's StatisticalBarRenderer (mean plus or minus one
 * deviation) cannot draw, hence a bar renderer that adds the whiskers.
 */
public final class ComparisonFigure {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    private ComparisonFigure() {
    }

    public static BufferedImage render(ComparisonResult r) {
        List<ModelMetrics> models = r.models();
        List<String> metrics = ModelComparison.METRICS;
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double[][][] bounds = new double[models.size()][metrics.size()][];
        double min = 1;
        for (int m = 0; m < models.size(); m++) {
            for (int q = 0; q < metrics.size(); q++) {
                ConfidenceInterval ci = models.get(m).metric(metrics.get(q));
                data.addValue(Double.isFinite(ci.estimate()) ? ci.estimate() : null, models.get(m).model(),
                        displayName(metrics.get(q)));
                bounds[m][q] = new double[] {ci.lower(), ci.upper()};
                for (double v : new double[] {ci.estimate(), ci.lower()}) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                    }
                }
            }
        }
        CategoryAxis x = new CategoryAxis(null);
        x.setCategoryMargin(0.25);
        NumberAxis y = new NumberAxis("Value (bars: estimate, whiskers: "
                + Math.round(r.level() * 100) + " % bootstrap interval, B = " + r.resamples() + ")");
        // Zoom in on the top of the scale when every value is high, as metric bars usually are.
        y.setRange(Math.max(0, Math.floor((min - 0.05) * 10) / 10), 1.0);
        y.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4));
        IntervalBars renderer = new IntervalBars(bounds);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int m = 0; m < models.size(); m++) {
            renderer.setSeriesPaint(m, Figures.colour(m));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        Figures.plot(plot);
        String title = String.format(Locale.ROOT, "Model metrics on %d test samples", r.samples());
        return Figures.render(WIDTH, HEIGHT, Figures.chart(title, plot, true));
    }

    static String displayName(String metric) {
        return switch (metric) {
            case "accuracy" -> "Accuracy";
            case "macro_f1" -> "Macro F1";
            case "auc_ovr" -> "AUC (one-vs-rest, macro)";
            default -> metric;
        };
    }

    /** Bars with a whisker from {@code bounds[row][column][0]} to {@code [1]} on each. */
    private static final class IntervalBars extends BarRenderer {

        private static final long serialVersionUID = 1L;
        private final double[][][] bounds;

        IntervalBars(double[][][] bounds) {
            this.bounds = bounds;
        }

        @Override
        public void drawItem(Graphics2D g, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                CategoryAxis domainAxis, org.jfree.chart.axis.ValueAxis rangeAxis, CategoryDataset dataset, int row,
                int column, int pass) {
            super.drawItem(g, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
            double lo = bounds[row][column][0];
            double hi = bounds[row][column][1];
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || dataset.getValue(row, column) == null) {
                return;
            }
            double x0 = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column);
            double mid = x0 + state.getBarWidth() / 2;
            double cap = Math.min(8, state.getBarWidth() / 4);
            double yLo = rangeAxis.valueToJava2D(lo, dataArea, plot.getRangeAxisEdge());
            double yHi = rangeAxis.valueToJava2D(hi, dataArea, plot.getRangeAxisEdge());
            g.setPaint(Color.BLACK);
            g.setStroke(new BasicStroke(1.6f));
            g.draw(new Line2D.Double(mid, yLo, mid, yHi));
            g.draw(new Line2D.Double(mid - cap, yLo, mid + cap, yLo));
            g.draw(new Line2D.Double(mid - cap, yHi, mid + cap, yHi));
        }
    }
}

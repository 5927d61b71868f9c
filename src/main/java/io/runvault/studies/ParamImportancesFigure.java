package io.runvault.studies;

import io.runvault.reports.Figures;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Hyperparameter importances as Optuna's {@code plot_param_importances}: horizontal bars, most
 * important on top, each labelled with its value, the method and seed in the subtitle.
 */
final class ParamImportancesFigure {

    static final String TITLE = "Hyperparameter Importances";

    private ParamImportancesFigure() {
    }

    /** Bars of importances in the given order (most important first). */
    static BufferedImage render(Study study, Map<String, Double> importances, long seed) {
        int complete = StudyCharts.plottable(study).size();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double max = 0;
        for (Map.Entry<String, Double> e : importances.entrySet()) {
            data.addValue(e.getValue(), "importance", e.getKey());
            max = Math.max(max, e.getValue());
        }
        CategoryAxis names = new CategoryAxis("Hyperparameter");
        names.setCategoryMargin(0.25);
        NumberAxis value = new NumberAxis("Importance for " + StudyCharts.objectiveLabel(study));
        value.setRange(0, Math.max(max, 1e-9) * 1.15);
        CategoryPlot plot = Figures.plot(new CategoryPlot(data, names, value, bars()));
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        // Parameter names a point larger than ticks: they are what the figure is read for.
        names.setTickLabelFont(Figures.font(Font.PLAIN, Figures.LEGEND));
        String sub = "fANOVA on a random forest of " + ParamImportance.TREES + " trees, seed " + seed + ", "
                + complete + " completed trials" + (max == 0 ? "; the objective does not vary: all 0" : "");
        return StudyCharts.draw(StudyCharts.chart(TITLE, sub, plot, false),
                StudyFigures.IMPORTANCES_WIDTH, StudyFigures.IMPORTANCES_HEIGHT);
    }

    private static BarRenderer bars() {
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Figures.BLUE);
        bars.setDrawBarOutline(false);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(Figures.font(Font.PLAIN, Figures.TICK_LABEL));
        bars.setDefaultItemLabelPaint(Figures.TEXT);
        bars.setMaximumBarWidth(0.12);
        return bars;
    }
}

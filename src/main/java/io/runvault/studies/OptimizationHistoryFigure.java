package io.runvault.studies;

import static io.runvault.studies.StudyCharts.NO_COMPLETED;

import io.runvault.reports.Figures;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Objective value per trial number, as Optuna's {@code plot_optimization_history}: completed trials
 * as blue points, pruned trials (their last reported value) in grey, the best value so far as a red
 * step line.
 */
final class OptimizationHistoryFigure {

    private static final Color PRUNED = new Color(0xaaaaaa);

    private OptimizationHistoryFigure() {
    }

    static BufferedImage render(Study study) {
        XYSeries complete = new XYSeries("Objective Value", false, true);
        XYSeries pruned = new XYSeries("Pruned", false, true);
        XYSeries best = new XYSeries("Best Value", false, true);
        Double bestSoFar = null;
        for (Trial t : study.trials()) {
            if (t.value() == null || !Double.isFinite(t.value())) {
                continue;
            }
            if (t.state() == TrialState.COMPLETE) {
                complete.add(t.number(), t.value());
                if (bestSoFar == null || study.direction().better(t.value(), bestSoFar)) {
                    bestSoFar = t.value();
                }
                best.add(t.number(), bestSoFar);
            } else if (t.state() == TrialState.PRUNED) {
                pruned.add(t.number(), t.value());
            }
        }
        XYPlot plot = plot(study, complete, pruned, best);
        String sub = StudyCharts.counts(study) + (complete.getItemCount() == 0 ? "; " + NO_COMPLETED : "");
        JFreeChart chart = StudyCharts.chart("Optimization History Plot", sub, plot, true);
        return StudyCharts.draw(chart, StudyFigures.HISTORY_WIDTH, StudyFigures.HISTORY_HEIGHT);
    }

    private static XYPlot plot(Study study, XYSeries complete, XYSeries pruned, XYSeries best) {
        NumberAxis x = Figures.axis(new NumberAxis("Trial"));
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = Figures.axis(new NumberAxis(StudyCharts.objectiveLabel(study)));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = StudyCharts.xyPlot(x, y);
        plot.setDataset(0, new XYSeriesCollection(complete));
        plot.setRenderer(0, StudyCharts.points(Figures.BLUE, 8));
        plot.setDataset(1, new XYSeriesCollection(pruned));
        plot.setRenderer(1, StudyCharts.points(PRUNED, 7));
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, Figures.RED);
        step.setSeriesStroke(0, Figures.line());
        step.setDefaultShapesVisible(false);
        plot.setDataset(2, new XYSeriesCollection(best));
        plot.setRenderer(2, step);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        StudyCharts.padIfFlat(y, complete, pruned);
        plot.setNoDataMessage(NO_COMPLETED);
        plot.setNoDataMessageFont(Figures.font(Font.PLAIN, 17f));
        return plot;
    }
}

package io.runvault.studies;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * The study figures of a tuning run, in the one chart style of {@link io.runvault.reports.Figures}
 * and after Optuna's {@code optuna.visualization} plots that users know:
 * <ul>
 * <li>{@link #optimizationHistory} ({@link OptimizationHistoryFigure}): objective value per trial;</li>
 * <li>{@link #paramImportances} ({@link ParamImportancesFigure}): horizontal bars, most important on top;</li>
 * <li>{@link #slice} ({@link SliceFigure}): one panel per parameter, objective against its value;</li>
 * <li>{@link #parallelCoordinate} ({@link ParallelCoordinateFigure}): one polyline per completed trial;</li>
 * <li>{@link #contour} ({@link ContourFigure}): the objective over the two most important parameters.</li>
 * </ul>
 * Only COMPLETE trials with a finite value are plotted (plus pruned ones in the history); failed,
 * running and waiting trials are left out. Where nothing can be plotted the figure says why instead.
 * Every figure has a fixed size (the slice figure's height grows with rows of panels).
 */
public final class StudyFigures {

    public static final int HISTORY_WIDTH = 1000;
    public static final int HISTORY_HEIGHT = 600;
    public static final int IMPORTANCES_WIDTH = 1000;
    public static final int IMPORTANCES_HEIGHT = 600;
    public static final int SLICE_WIDTH = 1400;
    public static final int SLICE_COLUMNS = 3;
    public static final int PARALLEL_WIDTH = 1400;
    public static final int PARALLEL_HEIGHT = 640;
    public static final int CONTOUR_WIDTH = 1000;
    public static final int CONTOUR_HEIGHT = 860;

    /** The power of the distance in the inverse-distance weighting of the contour surface. */
    public static final double IDW_POWER = 2;

    static final String NO_COMPLETED = StudyCharts.NO_COMPLETED;

    private StudyFigures() {
    }

    /** The height of the slice figure for a number of parameters: a header and one row per 3 panels. */
    public static int sliceHeight(int params) {
        int rows = Math.max(1, (params + SLICE_COLUMNS - 1) / SLICE_COLUMNS);
        return SliceFigure.HEADER + rows * SliceFigure.ROW;
    }

    public static BufferedImage optimizationHistory(Study study) {
        return OptimizationHistoryFigure.render(study);
    }

    /**
     * Bars of importances as {@link ParamImportance#evaluate} returns them (most important first), or,
     * when {@code importances} is null, a figure that says {@code why}.
     */
    public static BufferedImage paramImportances(Study study, Map<String, Double> importances, long seed, String why) {
        if (importances == null) {
            return message(IMPORTANCES_WIDTH, IMPORTANCES_HEIGHT, ParamImportancesFigure.TITLE, why);
        }
        return ParamImportancesFigure.render(study, importances, seed);
    }

    public static BufferedImage slice(Study study, SearchSpace space) {
        return SliceFigure.render(study, space);
    }

    public static BufferedImage parallelCoordinate(Study study, SearchSpace space) {
        return ParallelCoordinateFigure.render(study, space);
    }

    /**
     * The objective over the two most important parameters: {@code ranked} is the parameter order to
     * pick from (importance order, or the search-space order when importances are unknown).
     */
    public static BufferedImage contour(Study study, SearchSpace space, List<String> ranked, String how) {
        return ContourFigure.render(study, space, ranked, how);
    }

    /** COMPLETE trials with a finite objective value, in number order. */
    static List<Trial> plottable(Study study) {
        return StudyCharts.plottable(study);
    }

    /** A figure with a title and a message in the middle of a framed, empty plot area. */
    public static BufferedImage message(int width, int height, String title, String message) {
        return StudyCharts.message(width, height, title, message);
    }

    /** Inverse-distance weighting of the contour surface; see {@link ContourFigure#idw}. */
    static double idw(List<double[]> points, double u, double v, double power) {
        return ContourFigure.idw(points, u, v, power);
    }
}

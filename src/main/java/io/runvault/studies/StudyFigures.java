package io.runvault.studies;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The study figures of a tuning run, in the house style of {@link io.runvault.reports.Figures} (white
 * canvas, matplotlib colours, sans-serif fonts, the "Blues" colour map) and after Optuna's
 * {@code optuna.visualization} plots that users know:
 * <ul>
 * <li>{@link #optimizationHistory}: objective value per trial number, completed trials as blue points,
 *     pruned trials (their last reported value) in grey, the best value so far as a red step line;</li>
 * <li>{@link #paramImportances}: horizontal bars, most important on top, the method in the subtitle;</li>
 * <li>{@link #slice}: one panel per parameter, objective against the parameter's value (log axis for log
 *     distributions, the choices for categoricals), points coloured by trial number;</li>
 * <li>{@link #parallelCoordinate}: one vertical axis for the objective and one per parameter, one
 *     polyline per completed trial coloured by its objective value (darker is better);</li>
 * <li>{@link #contour}: the objective over the two most important parameters, interpolated on a grid by
 *     inverse-distance weighting (see {@link #idw}), with the trials as points.</li>
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

    static final String NO_COMPLETED = "no completed trials";
    private static final Color PRUNED = new Color(0xaaaaaa);
    private static final int SLICE_HEADER = 70;
    private static final int SLICE_ROW = 440;
    private static final int COLOUR_BAR_SPACE = 130;

    private StudyFigures() {
    }

    /** The height of the slice figure for a number of parameters: a header and one row per 3 panels. */
    public static int sliceHeight(int params) {
        int rows = Math.max(1, (params + SLICE_COLUMNS - 1) / SLICE_COLUMNS);
        return SLICE_HEADER + rows * SLICE_ROW;
    }

    // ---------------------------------------------------------------- what is plotted

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

    private static String objectiveLabel(Study study) {
        return "Objective Value (" + study.objective().metric() + ")";
    }

    private static String counts(Study study) {
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

    // ---------------------------------------------------------------- optimization history

    public static BufferedImage optimizationHistory(Study study) {
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
        NumberAxis x = axis(new NumberAxis("Trial"));
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = axis(new NumberAxis(objectiveLabel(study)));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = xyPlot(x, y);
        plot.setDataset(0, new XYSeriesCollection(complete));
        plot.setRenderer(0, points(Figures.BLUE, 8));
        plot.setDataset(1, new XYSeriesCollection(pruned));
        plot.setRenderer(1, points(PRUNED, 7));
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, Figures.RED);
        step.setSeriesStroke(0, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        step.setDefaultShapesVisible(false);
        plot.setDataset(2, new XYSeriesCollection(best));
        plot.setRenderer(2, step);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        padIfFlat(y, complete, pruned);
        plot.setNoDataMessage(NO_COMPLETED);
        plot.setNoDataMessageFont(Figures.font(Font.PLAIN, 17f));
        String sub = counts(study) + (complete.getItemCount() == 0 ? "; " + NO_COMPLETED : "");
        JFreeChart chart = chart("Optimization History Plot", sub, plot, true);
        return draw(chart, HISTORY_WIDTH, HISTORY_HEIGHT);
    }

    // ---------------------------------------------------------------- importances

    /**
     * Bars of importances as {@link ParamImportance#evaluate} returns them (most important first), or,
     * when {@code importances} is null, a figure that says {@code why}.
     */
    public static BufferedImage paramImportances(Study study, Map<String, Double> importances, long seed, String why) {
        String title = "Hyperparameter Importances";
        int complete = plottable(study).size();
        if (importances == null) {
            return message(IMPORTANCES_WIDTH, IMPORTANCES_HEIGHT, title, why);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double max = 0;
        for (Map.Entry<String, Double> e : importances.entrySet()) {
            data.addValue(e.getValue(), "importance", e.getKey());
            max = Math.max(max, e.getValue());
        }
        CategoryAxis names = new CategoryAxis("Hyperparameter");
        names.setLabelFont(Figures.font(Font.PLAIN, 15f));
        names.setTickLabelFont(Figures.font(Font.PLAIN, 14f));
        names.setLabelPaint(Figures.TEXT);
        names.setTickLabelPaint(Figures.TEXT);
        names.setCategoryMargin(0.25);
        NumberAxis value = axis(new NumberAxis("Importance for " + objectiveLabel(study)));
        value.setRange(0, Math.max(max, 1e-9) * 1.15);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Figures.BLUE);
        bars.setDrawBarOutline(false);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(Figures.font(Font.PLAIN, 13f));
        bars.setDefaultItemLabelPaint(Figures.TEXT);
        bars.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(data, names, value, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Figures.GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        String sub = "fANOVA on a random forest of " + ParamImportance.TREES + " trees, seed " + seed + ", "
                + complete + " completed trials" + (max == 0 ? "; the objective does not vary: all 0" : "");
        return draw(chart(title, sub, plot, false), IMPORTANCES_WIDTH, IMPORTANCES_HEIGHT);
    }

    // ---------------------------------------------------------------- slice

    public static BufferedImage slice(Study study, SearchSpace space) {
        List<String> names = space.names();
        int height = sliceHeight(names.size());
        List<Trial> trials = plottable(study);
        if (trials.isEmpty()) {
            return message(SLICE_WIDTH, height, "Slice Plot", NO_COMPLETED);
        }
        int maxNumber = trials.get(trials.size() - 1).number();
        DoubleFunction<Color> colourOf = n -> Figures.blues(0.2 + 0.8 * (maxNumber == 0 ? 1 : n / maxNumber));
        BufferedImage image = Figures.canvas(SLICE_WIDTH, height);
        Graphics2D g = Figures.graphics(image);
        try {
            title(g, "Slice Plot", counts(study), SLICE_WIDTH - COLOUR_BAR_SPACE);
            int columns = Math.min(SLICE_COLUMNS, names.size());
            int panelWidth = (SLICE_WIDTH - COLOUR_BAR_SPACE) / columns;
            for (int p = 0; p < names.size(); p++) {
                String name = names.get(p);
                Distribution d = space.get(name);
                XYSeries s = new XYSeries(name, false, true);
                List<Integer> numbers = new ArrayList<>();
                for (Trial t : trials) {
                    Object v = t.params().get(name);
                    if (!t.params().containsKey(name) || !d.contains(v)) {
                        continue;
                    }
                    double xv = d instanceof CategoricalDistribution c ? c.toInternal(v) : ((Number) v).doubleValue();
                    s.add(xv, t.value());
                    numbers.add(t.number());
                }
                ValueAxis x = sliceAxis(name, d);
                NumberAxis y = axis(new NumberAxis(p % columns == 0 ? objectiveLabel(study) : null));
                y.setAutoRangeIncludesZero(false);
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true) {
                    @Override
                    public Paint getItemPaint(int series, int item) {
                        return colourOf.apply(numbers.get(item));
                    }
                };
                r.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
                r.setUseOutlinePaint(true);
                r.setDrawOutlines(true);
                r.setSeriesOutlinePaint(0, new Color(0x555555));
                r.setSeriesOutlineStroke(0, new BasicStroke(0.6f));
                padIfFlat(y, s);
                XYPlot plot = xyPlot(x, y);
                plot.setDataset(new XYSeriesCollection(s));
                plot.setRenderer(r);
                plot.setNoDataMessage("no completed trial has " + name);
                plot.setNoDataMessageFont(Figures.font(Font.PLAIN, 14f));
                JFreeChart chart = new JFreeChart(name, Figures.font(Font.BOLD, 16f), plot, false);
                style(chart);
                int row = p / columns;
                int col = p % columns;
                chart.draw(g, new Rectangle(col * panelWidth, SLICE_HEADER + row * SLICE_ROW, panelWidth, SLICE_ROW));
            }
            ParamScale numberScale = ParamScale.linear("Trial", 0, maxNumber);
            colourBar(g, SLICE_WIDTH - COLOUR_BAR_SPACE + 20, SLICE_HEADER + 40, Math.min(360, height - SLICE_HEADER - 110),
                    u -> colourOf.apply(u * maxNumber), numberScale);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static ValueAxis sliceAxis(String name, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            String[] labels = new String[c.choices().size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = ParamScale.choice(c.choices().get(i));
            }
            SymbolAxis a = axis(new SymbolAxis(name, labels));
            a.setGridBandsVisible(false);
            a.setRange(-0.5, labels.length - 0.5);
            return a;
        }
        double low = d instanceof FloatDistribution f ? f.low() : ((IntDistribution) d).low();
        double high = d instanceof FloatDistribution f ? f.high() : ((IntDistribution) d).high();
        boolean log = d instanceof FloatDistribution f ? f.log() : ((IntDistribution) d).log();
        if (log) {
            LogAxis a = axis(new LogAxis(name));
            a.setBase(10);
            a.setNumberFormatOverride(COMPACT);
            double pad = Math.pow(high / low, 0.04);
            a.setRange(low / pad, high * pad);
            return a;
        }
        NumberAxis a = axis(new NumberAxis(name));
        if (d instanceof IntDistribution) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        double pad = high > low ? (high - low) * 0.04 : 0.5;
        a.setRange(low - pad, high + pad);
        return a;
    }

    // ---------------------------------------------------------------- parallel coordinate

    public static BufferedImage parallelCoordinate(Study study, SearchSpace space) {
        String title = "Parallel Coordinate Plot";
        List<Trial> trials = plottable(study);
        if (trials.isEmpty()) {
            return message(PARALLEL_WIDTH, PARALLEL_HEIGHT, title, NO_COMPLETED);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Trial t : trials) {
            min = Math.min(min, t.value());
            max = Math.max(max, t.value());
        }
        List<ParamScale> axes = new ArrayList<>();
        ParamScale objective = ParamScale.linear(study.objective().metric(), min, max);
        axes.add(objective);
        for (String name : space.names()) {
            axes.add(ParamScale.of(name, space.get(name)));
        }
        DoubleFunction<Color> colourOf = goodness(study.direction());
        // Worse trials first, so the best lie on top.
        List<Trial> order = new ArrayList<>(trials);
        Comparator<Trial> byValue = Comparator.comparingDouble(Trial::value);
        order.sort(study.direction() == Direction.MAXIMIZE ? byValue : byValue.reversed());

        BufferedImage image = Figures.canvas(PARALLEL_WIDTH, PARALLEL_HEIGHT);
        Graphics2D g = Figures.graphics(image);
        try {
            title(g, title, counts(study), PARALLEL_WIDTH - COLOUR_BAR_SPACE);
            int left = 90;
            int right = PARALLEL_WIDTH - COLOUR_BAR_SPACE - 40;
            int top = 130;
            int bottom = PARALLEL_HEIGHT - 50;
            int m = axes.size();
            double[] xs = new double[m];
            for (int i = 0; i < m; i++) {
                xs[i] = left + (right - left) * (double) i / (m - 1);
            }
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (Trial t : order) {
                Path2D.Double line = new Path2D.Double();
                boolean open = false;
                for (int i = 0; i < m; i++) {
                    double u = i == 0 ? objective.unit(t.value()) : axes.get(i).unit(t.params().get(axes.get(i).label()));
                    if (Double.isNaN(u)) {
                        open = false;
                        continue;
                    }
                    double y = bottom - u * (bottom - top);
                    if (open) {
                        line.lineTo(xs[i], y);
                    } else {
                        line.moveTo(xs[i], y);
                        open = true;
                    }
                }
                g.setColor(colourOf.apply(objective.unit(t.value())));
                g.draw(line);
            }
            Font nameFont = Figures.font(Font.BOLD, 14f);
            Font tickFont = Figures.font(Font.PLAIN, 12f);
            double spacing = m > 1 ? (right - left) / (double) (m - 1) : right - left;
            for (int i = 0; i < m; i++) {
                ParamScale a = axes.get(i);
                int x = (int) Math.round(xs[i]);
                g.setColor(Figures.TEXT);
                g.setStroke(new BasicStroke(1.5f));
                g.drawLine(x, top, x, bottom);
                g.setFont(tickFont);
                FontMetrics tm = g.getFontMetrics();
                for (ParamScale.Tick tick : a.ticks(6)) {
                    int y = (int) Math.round(bottom - tick.unit() * (bottom - top));
                    g.drawLine(x - 4, y, x, y);
                    String label = clip(tick.label(), tm, (int) Math.min(120, spacing - 12));
                    drawHalo(g, label, x - 7 - tm.stringWidth(label), y + (tm.getAscent() - tm.getDescent()) / 2f);
                }
                g.setFont(nameFont);
                FontMetrics nm = g.getFontMetrics();
                String name = clip(i == 0 ? study.objective().metric() : a.label(), nm, (int) Math.max(40, spacing - 8));
                g.setColor(Figures.TEXT);
                g.drawString(name, x - nm.stringWidth(name) / 2f, top - 16);
                if (a.isLog()) {
                    g.setFont(tickFont);
                    g.drawString("(log)", x - g.getFontMetrics().stringWidth("(log)") / 2f, bottom + 20);
                }
            }
            colourBar(g, PARALLEL_WIDTH - COLOUR_BAR_SPACE + 20, top, bottom - top, colourOf, objective);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ---------------------------------------------------------------- contour

    /**
     * The objective over the two most important parameters: {@code ranked} is the parameter order to
     * pick from (importance order, or the search-space order when importances are unknown).
     */
    public static BufferedImage contour(Study study, SearchSpace space, List<String> ranked, String how) {
        String title = "Contour Plot";
        if (ranked.size() < 2) {
            return message(CONTOUR_WIDTH, CONTOUR_HEIGHT, title,
                    "a contour plot needs 2 parameters; this study has " + ranked.size());
        }
        List<Trial> trials = plottable(study);
        if (trials.isEmpty()) {
            return message(CONTOUR_WIDTH, CONTOUR_HEIGHT, title, NO_COMPLETED);
        }
        String xName = ranked.get(0);
        String yName = ranked.get(1);
        ParamScale xs = ParamScale.of(xName, space.get(xName));
        ParamScale ys = ParamScale.of(yName, space.get(yName));
        List<double[]> points = new ArrayList<>();
        for (Trial t : trials) {
            double u = xs.unit(t.params().get(xName));
            double v = ys.unit(t.params().get(yName));
            if (!Double.isNaN(u) && !Double.isNaN(v)) {
                points.add(new double[] {u, v, t.value()});
            }
        }
        if (points.isEmpty()) {
            return message(CONTOUR_WIDTH, CONTOUR_HEIGHT, title, "no completed trial has both " + xName + " and " + yName);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            min = Math.min(min, p[2]);
            max = Math.max(max, p[2]);
        }
        ParamScale objective = ParamScale.linear(study.objective().metric(), min, max);
        DoubleFunction<Color> colourOf = goodness(study.direction());

        BufferedImage image = Figures.canvas(CONTOUR_WIDTH, CONTOUR_HEIGHT);
        Graphics2D g = Figures.graphics(image);
        try {
            title(g, title, xName + " and " + yName + " (" + how + "); surface: inverse-distance weighting (power "
                    + ParamScale.number(IDW_POWER) + ") of " + points.size() + " completed trials", CONTOUR_WIDTH - COLOUR_BAR_SPACE);
            int x0 = 140;
            int y0 = 110;
            int size = Math.min(CONTOUR_WIDTH - COLOUR_BAR_SPACE - x0 - 40, CONTOUR_HEIGHT - y0 - 120);
            double margin = 0.03; // keeps points on the edges of the range inside the frame
            int cell = 4;
            for (int py = 0; py < size; py += cell) {
                for (int px = 0; px < size; px += cell) {
                    double u = ((px + cell / 2.0) / size - margin) / (1 - 2 * margin);
                    double v = ((size - py - cell / 2.0) / size - margin) / (1 - 2 * margin);
                    double z = idw(points, u, v, IDW_POWER);
                    g.setColor(colourOf.apply(objective.unit(z)));
                    g.fillRect(x0 + px, y0 + py, Math.min(cell, size - px), Math.min(cell, size - py));
                }
            }
            for (double[] p : points) {
                double cx = x0 + (margin + p[0] * (1 - 2 * margin)) * size;
                double cy = y0 + size - (margin + p[1] * (1 - 2 * margin)) * size;
                Shape dot = new Ellipse2D.Double(cx - 4.5, cy - 4.5, 9, 9);
                g.setColor(Color.BLACK);
                g.fill(dot);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(1.2f));
                g.draw(dot);
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(x0, y0, size, size);
            Font tickFont = Figures.font(Font.PLAIN, 13f);
            Font axisFont = Figures.font(Font.PLAIN, 15f);
            g.setFont(tickFont);
            FontMetrics tm = g.getFontMetrics();
            g.setColor(Figures.TEXT);
            for (ParamScale.Tick t : xs.ticks(7)) {
                int x = (int) Math.round(x0 + (margin + t.unit() * (1 - 2 * margin)) * size);
                g.drawLine(x, y0 + size, x, y0 + size + 5);
                String label = clip(t.label(), tm, 110);
                g.drawString(label, x - tm.stringWidth(label) / 2f, y0 + size + 8 + tm.getAscent());
            }
            for (ParamScale.Tick t : ys.ticks(7)) {
                int y = (int) Math.round(y0 + size - (margin + t.unit() * (1 - 2 * margin)) * size);
                g.drawLine(x0 - 5, y, x0, y);
                String label = clip(t.label(), tm, 90);
                g.drawString(label, x0 - 8 - tm.stringWidth(label), y + (tm.getAscent() - tm.getDescent()) / 2f);
            }
            g.setFont(axisFont);
            FontMetrics am = g.getFontMetrics();
            String xLabel = xName + (xs.isLog() ? " (log)" : "");
            g.drawString(xLabel, x0 + size / 2f - am.stringWidth(xLabel) / 2f, y0 + size + 20 + tm.getHeight() + am.getAscent());
            String yLabel = yName + (ys.isLog() ? " (log)" : "");
            AffineTransform saved = g.getTransform();
            g.translate(24 + am.getAscent(), y0 + size / 2.0 + am.stringWidth(yLabel) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, 0, 0);
            g.setTransform(saved);
            colourBar(g, x0 + size + 50, y0, size, colourOf, objective);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Inverse-distance weighting (Shepard's method) at (u, v) in the unit square: the mean of the
     * points' values weighted by 1 / distance^power; at a trial's position, its own value (the mean of
     * the trials there, where several share it, as discrete parameters make common).
     *
     * @param points {u, v, value} rows
     */
    static double idw(List<double[]> points, double u, double v, double power) {
        double num = 0;
        double den = 0;
        double exact = 0;
        int exactCount = 0;
        for (double[] p : points) {
            double d2 = (p[0] - u) * (p[0] - u) + (p[1] - v) * (p[1] - v);
            if (d2 < 1e-18) {
                exact += p[2];
                exactCount++;
                continue;
            }
            double w = power == 2 ? 1 / d2 : Math.pow(d2, -power / 2);
            num += w * p[2];
            den += w;
        }
        return exactCount > 0 ? exact / exactCount : num / den;
    }

    // ---------------------------------------------------------------- shared drawing

    /** A figure with a title and a message in the middle of a framed, empty plot area. */
    public static BufferedImage message(int width, int height, String title, String message) {
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

    /** Darker is better: the colour of a value's position on the objective axis (0 = lowest). */
    private static DoubleFunction<Color> goodness(Direction direction) {
        return u -> Figures.blues(0.1 + 0.9 * (Double.isNaN(u) ? 0.5 : direction == Direction.MAXIMIZE ? u : 1 - u));
    }

    private static void title(Graphics2D g, String title, String subtitle, int width) {
        g.setColor(Figures.TEXT);
        g.setFont(Figures.font(Font.BOLD, 20f));
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, width / 2f - tm.stringWidth(title) / 2f, 36);
        if (subtitle != null) {
            g.setFont(Figures.font(Font.PLAIN, 14f));
            FontMetrics sm = g.getFontMetrics();
            String s = clip(subtitle, sm, width - 40);
            g.drawString(s, width / 2f - sm.stringWidth(s) / 2f, 60);
        }
    }

    /** A vertical colour bar: the scale's low end at the bottom, with its ticks on the right. */
    private static void colourBar(Graphics2D g, int x, int y, int height, DoubleFunction<Color> colourOf, ParamScale scale) {
        int w = 22;
        for (int i = 0; i < height; i++) {
            g.setColor(colourOf.apply(1 - (i + 0.5) / height));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(Figures.TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, w, height);
        g.setFont(Figures.font(Font.PLAIN, 12f));
        FontMetrics km = g.getFontMetrics();
        for (ParamScale.Tick t : scale.ticks(6)) {
            int ty = (int) Math.round(y + height - t.unit() * height);
            g.drawLine(x + w, ty, x + w + 4, ty);
            g.drawString(clip(t.label(), km, 80), x + w + 7, ty + (km.getAscent() - km.getDescent()) / 2f);
        }
        g.setFont(Figures.font(Font.PLAIN, 13f));
        FontMetrics lm = g.getFontMetrics();
        String label = clip(scale.label(), lm, COLOUR_BAR_SPACE - 16);
        g.drawString(label, Math.min(x - 6, g.getDeviceConfiguration().getBounds().width - 8 - lm.stringWidth(label)), y - 10);
    }

    /** Text over a white halo, readable on top of the polylines. */
    private static void drawHalo(Graphics2D g, String s, float x, float y) {
        FontMetrics fm = g.getFontMetrics();
        Color c = g.getColor();
        g.setColor(new Color(255, 255, 255, 200));
        g.fillRect(Math.round(x) - 2, Math.round(y) - fm.getAscent(), fm.stringWidth(s) + 4, fm.getAscent() + fm.getDescent());
        g.setColor(c);
        g.drawString(s, x, y);
    }

    private static String clip(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String out = s;
        while (out.length() > 1 && fm.stringWidth(out + "...") > width) {
            out = out.substring(0, out.length() - 1);
        }
        return out + "...";
    }

    private static <A extends ValueAxis> A axis(A a) {
        a.setLabelFont(Figures.font(Font.PLAIN, 15f));
        a.setTickLabelFont(Figures.font(Font.PLAIN, 13f));
        a.setLabelPaint(Figures.TEXT);
        a.setTickLabelPaint(Figures.TEXT);
        return a;
    }

    /**
     * When every y value is the same (one trial, or a flat objective), a range around it: JFreeChart's
     * automatic range would be a sliver with a dozen identical tick labels.
     */
    private static void padIfFlat(NumberAxis y, XYSeries... series) {
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

    private static XYPlot xyPlot(ValueAxis x, ValueAxis y) {
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Figures.GRID);
        plot.setRangeGridlinePaint(Figures.GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return plot;
    }

    private static XYLineAndShapeRenderer points(Color colour, double diameter) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, colour);
        r.setSeriesShape(0, new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter));
        return r;
    }

    private static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, Figures.font(Font.BOLD, 20f), plot, legend);
        style(chart);
        if (subtitle != null) {
            TextTitle sub = new TextTitle(subtitle, Figures.font(Font.PLAIN, 14f));
            sub.setPaint(Figures.TEXT);
            chart.addSubtitle(sub);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setItemFont(Figures.font(Font.PLAIN, 14f));
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(10, 14, 10, 18));
        chart.getTitle().setPaint(Figures.TEXT);
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = Figures.canvas(width, height);
        Graphics2D g = Figures.graphics(image);
        try {
            chart.draw(g, new Rectangle(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Tick labels of log axes in the compact form of {@link ParamScale#number}. */
    private static final NumberFormat COMPACT = new NumberFormat() {
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

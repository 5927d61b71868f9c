package io.runvault.studies;

import static io.runvault.studies.StudyCharts.COLOUR_BAR_SPACE;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Optuna's {@code plot_slice}: one panel per parameter, objective against the parameter's value (a
 * log axis for log distributions, the choices for categoricals), points coloured by trial number,
 * {@value StudyFigures#SLICE_COLUMNS} panels a row.
 */
final class SliceFigure {

    static final int HEADER = 70;
    static final int ROW = 440;
    private static final String TITLE = "Slice Plot";

    private SliceFigure() {
    }

    static BufferedImage render(Study study, SearchSpace space) {
        List<String> names = space.names();
        int width = StudyFigures.SLICE_WIDTH;
        int height = StudyFigures.sliceHeight(names.size());
        List<Trial> trials = StudyCharts.plottable(study);
        if (trials.isEmpty()) {
            return StudyCharts.message(width, height, TITLE, StudyCharts.NO_COMPLETED);
        }
        int maxNumber = trials.get(trials.size() - 1).number();
        DoubleFunction<Color> colourOf = n -> Figures.blues(0.2 + 0.8 * (maxNumber == 0 ? 1 : n / maxNumber));
        BufferedImage image = Figures.canvas(width, height);
        Graphics2D g = Figures.graphics(image);
        try {
            StudyCharts.title(g, TITLE, StudyCharts.counts(study), width - COLOUR_BAR_SPACE);
            int columns = Math.min(StudyFigures.SLICE_COLUMNS, names.size());
            int panelWidth = (width - COLOUR_BAR_SPACE) / columns;
            for (int p = 0; p < names.size(); p++) {
                String name = names.get(p);
                String yLabel = p % columns == 0 ? StudyCharts.objectiveLabel(study) : null;
                JFreeChart chart = panel(name, space.get(name), trials, yLabel, colourOf);
                int row = p / columns;
                int col = p % columns;
                chart.draw(g, new Rectangle(col * panelWidth, HEADER + row * ROW, panelWidth, ROW));
            }
            ParamScale numberScale = ParamScale.linear("Trial", 0, maxNumber);
            StudyCharts.colourBar(g, StudyCharts.bar(width - COLOUR_BAR_SPACE + 20, HEADER + 40,
                    Math.min(360, height - HEADER - 110)), u -> colourOf.apply(u * maxNumber), numberScale);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One parameter's panel: the trials that have it, coloured by their number. */
    private static JFreeChart panel(String name, Distribution d, List<Trial> trials, String yLabel,
            DoubleFunction<Color> colourOf) {
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
        NumberAxis y = Figures.axis(new NumberAxis(yLabel));
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true) {
            private static final long serialVersionUID = 1L;

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
        StudyCharts.padIfFlat(y, s);
        XYPlot plot = StudyCharts.xyPlot(axis(name, d), y);
        plot.setDataset(new XYSeriesCollection(s));
        plot.setRenderer(r);
        plot.setNoDataMessage("no completed trial has " + name);
        plot.setNoDataMessageFont(Figures.font(Font.PLAIN, Figures.LEGEND));
        return Figures.chart(name, 16f, plot, false);
    }

    private static ValueAxis axis(String name, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            String[] labels = new String[c.choices().size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = ParamScale.choice(c.choices().get(i));
            }
            SymbolAxis a = Figures.axis(new SymbolAxis(name, labels));
            a.setGridBandsVisible(false);
            a.setRange(-0.5, labels.length - 0.5);
            return a;
        }
        double low = d instanceof FloatDistribution f ? f.low() : ((IntDistribution) d).low();
        double high = d instanceof FloatDistribution f ? f.high() : ((IntDistribution) d).high();
        boolean log = d instanceof FloatDistribution f ? f.log() : ((IntDistribution) d).log();
        if (log) {
            LogAxis a = Figures.axis(new LogAxis(name));
            a.setBase(10);
            a.setNumberFormatOverride(StudyCharts.COMPACT);
            double pad = Math.pow(high / low, 0.04);
            a.setRange(low / pad, high * pad);
            return a;
        }
        NumberAxis a = Figures.axis(new NumberAxis(name));
        if (d instanceof IntDistribution) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        double pad = high > low ? (high - low) * 0.04 : 0.5;
        a.setRange(low - pad, high + pad);
        return a;
    }
}

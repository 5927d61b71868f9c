package io.runvault.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code figures/training_curves.png} and {@code figures/training_curves.npz}. The PNG is
 * {@value #WIDTH} x {@value #HEIGHT} pixels with two JFreeChart line charts side by side, as
 * matplotlib's {@code plt.subplots(1, 2)}: loss per epoch (train vs val) and the selection metric
 * per epoch (train vs val where there is a train series), each with a legend, axis labels and the
 * best epoch by the validation metric marked. NaN values leave gaps.
 */
public final class TrainingCurvesFigure {

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 560;

    private TrainingCurvesFigure() {
    }

    public static BufferedImage render(TrainingHistory history) {
        int best = history.bestIndex();
        Double bestEpoch = best < 0 ? null : (double) history.epochs()[best];
        JFreeChart loss = chart(history, "Loss", "Loss", "train_loss", "val_loss", bestEpoch);
        String metric = displayName(history.selectionMetric());
        JFreeChart sel = chart(history, metric, metric, "train_" + history.selectionMetric(),
                "val_" + history.selectionMetric(), bestEpoch);
        return Figures.render(WIDTH, HEIGHT, loss, sel);
    }

    public static void writePng(TrainingHistory history, OutputStream out) throws IOException {
        Figures.writePng(render(history), out);
    }

    /** Writes the npz of the history ({@code epoch} and every series as float64 vectors); closes the stream. */
    public static void writeNpz(TrainingHistory history, OutputStream out) throws IOException {
        NpzWriter.write(out, history.toNpz());
    }

    /** "auc" -> "AUC", "accuracy" -> "Accuracy", "macro_f1" -> "Macro F1". */
    static String displayName(String metric) {
        if (metric.length() <= 3) {
            return metric.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        for (String part : metric.split("_")) {
            if (part.isEmpty()) {
                continue;
            }
            out.append(out.length() == 0 ? "" : " ");
            out.append(part.length() <= 3 && !part.equals("val") ? part.toUpperCase(Locale.ROOT)
                    : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private static JFreeChart chart(TrainingHistory h, String title, String yLabel, String trainName, String valName,
            Double bestEpoch) {
        XYSeriesCollection data = new XYSeriesCollection();
        Color[] used = series(h, yLabel, trainName, valName, data);
        NumberAxis x = new NumberAxis("Epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        // Generous insets make JFreeChart pick about 8 ticks rather than one every 20 pixels.
        y.setTickLabelInsets(new RectangleInsets(9, 4, 9, 4));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, h.epochs().length <= 60);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            r.setSeriesPaint(s, used[s]);
            r.setSeriesStroke(s, Figures.line());
            r.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        r.setDrawSeriesLineAsPath(false);
        XYPlot plot = Figures.plot(new XYPlot(data, x, y, r));
        if (bestEpoch != null) {
            ValueMarker m = Figures.marker(bestEpoch, Figures.GREEN, Figures.dashed(1.5f), "best " + bestEpoch.intValue());
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            plot.addDomainMarker(m);
        }
        if (data.getSeriesCount() == 0) {
            plot.setNoDataMessage("no " + trainName + " / " + valName + " series");
            plot.setNoDataMessageFont(Figures.font(Font.PLAIN, Figures.AXIS_LABEL));
        }
        return Figures.chart(title, plot, true);
    }

    /** Adds the train and val series the history has to {@code data}; returns their colours in order. */
    private static Color[] series(TrainingHistory h, String yLabel, String trainName, String valName,
            XYSeriesCollection data) {
        int[] epochs = h.epochs();
        Map<String, double[]> series = h.series();
        Color[] colours = {Figures.BLUE, Figures.ORANGE};
        String[] names = {trainName, valName};
        String what = yLabel.equals("Loss") ? "loss" : yLabel;
        String[] labels = {"train " + what, "val " + what};
        Color[] used = new Color[2];
        for (int s = 0; s < 2; s++) {
            double[] v = series.get(names[s]);
            if (v == null) {
                continue;
            }
            XYSeries xy = new XYSeries(labels[s], true, false);
            for (int i = 0; i < v.length; i++) {
                xy.add(epochs[i], Double.isNaN(v[i]) ? null : v[i]);
            }
            used[data.getSeriesCount()] = colours[s];
            data.addSeries(xy);
        }
        return used;
    }
}

package io.runvault.studies;

import static io.runvault.studies.StudyCharts.COLOUR_BAR_SPACE;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Optuna's {@code plot_contour} for the two most important parameters: the objective interpolated on
 * a grid by inverse-distance weighting (see {@link #idw}), darker is better, with the trials as points.
 */
final class ContourFigure {

    private static final String TITLE = "Contour Plot";
    private static final int X0 = 140;
    private static final int Y0 = 110;
    /** Keeps points on the edges of the range inside the frame. */
    private static final double MARGIN = 0.03;
    private static final int CELL = 4;

    private ContourFigure() {
    }

    /** The square plot area: its top-left corner at (X0, Y0) and its side in pixels. */
    private record Square(int size) {
        double x(double u) {
            return X0 + (MARGIN + u * (1 - 2 * MARGIN)) * size;
        }

        double y(double v) {
            return Y0 + size - (MARGIN + v * (1 - 2 * MARGIN)) * size;
        }
    }

    static BufferedImage render(Study study, SearchSpace space, List<String> ranked, String how) {
        int width = StudyFigures.CONTOUR_WIDTH;
        int height = StudyFigures.CONTOUR_HEIGHT;
        if (ranked.size() < 2) {
            return StudyCharts.message(width, height, TITLE,
                    "a contour plot needs 2 parameters; this study has " + ranked.size());
        }
        List<Trial> trials = StudyCharts.plottable(study);
        if (trials.isEmpty()) {
            return StudyCharts.message(width, height, TITLE, StudyCharts.NO_COMPLETED);
        }
        String xName = ranked.get(0);
        String yName = ranked.get(1);
        ParamScale xs = ParamScale.of(xName, space.get(xName));
        ParamScale ys = ParamScale.of(yName, space.get(yName));
        List<double[]> points = points(trials, xs, ys);
        if (points.isEmpty()) {
            return StudyCharts.message(width, height, TITLE, "no completed trial has both " + xName + " and " + yName);
        }
        double min = points.stream().mapToDouble(p -> p[2]).min().orElseThrow();
        double max = points.stream().mapToDouble(p -> p[2]).max().orElseThrow();
        ParamScale objective = ParamScale.linear(study.objective().metric(), min, max);
        DoubleFunction<Color> colourOf = StudyCharts.goodness(study.direction());
        BufferedImage image = Figures.canvas(width, height);
        Graphics2D g = Figures.graphics(image);
        try {
            StudyCharts.title(g, TITLE, xName + " and " + yName + " (" + how + "); surface: inverse-distance weighting (power "
                    + ParamScale.number(StudyFigures.IDW_POWER) + ") of " + points.size() + " completed trials",
                    width - COLOUR_BAR_SPACE);
            Square sq = new Square(Math.min(width - COLOUR_BAR_SPACE - X0 - 40, height - Y0 - 120));
            surface(g, sq, points, u -> colourOf.apply(objective.unit(u)));
            dots(g, sq, points);
            axes(g, sq, xs, ys);
            StudyCharts.colourBar(g, StudyCharts.bar(X0 + sq.size() + 50, Y0, sq.size()), colourOf, objective);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {u, v, value} of the trials that have both parameters, u and v in the unit square. */
    private static List<double[]> points(List<Trial> trials, ParamScale xs, ParamScale ys) {
        List<double[]> points = new ArrayList<>();
        for (Trial t : trials) {
            double u = xs.unit(t.params().get(xs.label()));
            double v = ys.unit(t.params().get(ys.label()));
            if (!Double.isNaN(u) && !Double.isNaN(v)) {
                points.add(new double[] {u, v, t.value()});
            }
        }
        return points;
    }

    private static void surface(Graphics2D g, Square sq, List<double[]> points, DoubleFunction<Color> colourOfValue) {
        int size = sq.size();
        for (int py = 0; py < size; py += CELL) {
            for (int px = 0; px < size; px += CELL) {
                double u = ((px + CELL / 2.0) / size - MARGIN) / (1 - 2 * MARGIN);
                double v = ((size - py - CELL / 2.0) / size - MARGIN) / (1 - 2 * MARGIN);
                g.setColor(colourOfValue.apply(idw(points, u, v, StudyFigures.IDW_POWER)));
                g.fillRect(X0 + px, Y0 + py, Math.min(CELL, size - px), Math.min(CELL, size - py));
            }
        }
    }

    private static void dots(Graphics2D g, Square sq, List<double[]> points) {
        for (double[] p : points) {
            Shape dot = new Ellipse2D.Double(sq.x(p[0]) - 4.5, sq.y(p[1]) - 4.5, 9, 9);
            g.setColor(Color.BLACK);
            g.fill(dot);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(dot);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(X0, Y0, sq.size(), sq.size());
    }

    /** Ticks on the bottom and left edges and the parameter names ("(log)" on log scales). */
    private static void axes(Graphics2D g, Square sq, ParamScale xs, ParamScale ys) {
        int size = sq.size();
        g.setFont(Figures.font(Font.PLAIN, Figures.TICK_LABEL));
        FontMetrics tm = g.getFontMetrics();
        g.setColor(Figures.TEXT);
        for (ParamScale.Tick t : xs.ticks(7)) {
            int x = (int) Math.round(sq.x(t.unit()));
            g.drawLine(x, Y0 + size, x, Y0 + size + 5);
            String label = StudyCharts.clip(t.label(), tm, 110);
            g.drawString(label, x - tm.stringWidth(label) / 2f, Y0 + size + 8 + tm.getAscent());
        }
        for (ParamScale.Tick t : ys.ticks(7)) {
            int y = (int) Math.round(sq.y(t.unit()));
            g.drawLine(X0 - 5, y, X0, y);
            String label = StudyCharts.clip(t.label(), tm, 90);
            g.drawString(label, X0 - 8 - tm.stringWidth(label), y + (tm.getAscent() - tm.getDescent()) / 2f);
        }
        g.setFont(Figures.font(Font.PLAIN, Figures.AXIS_LABEL));
        FontMetrics am = g.getFontMetrics();
        String xLabel = xs.label() + (xs.isLog() ? " (log)" : "");
        g.drawString(xLabel, X0 + size / 2f - am.stringWidth(xLabel) / 2f, Y0 + size + 20 + tm.getHeight() + am.getAscent());
        String yLabel = ys.label() + (ys.isLog() ? " (log)" : "");
        AffineTransform saved = g.getTransform();
        g.translate(24 + am.getAscent(), Y0 + size / 2.0 + am.stringWidth(yLabel) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, 0, 0);
        g.setTransform(saved);
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
}

package io.runvault.studies;

import static io.runvault.studies.StudyCharts.COLOUR_BAR_SPACE;

import io.runvault.reports.Figures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Optuna's {@code plot_parallel_coordinate}: one vertical axis for the objective and one per
 * parameter, one polyline per completed trial coloured by its objective value (darker is better),
 * the best trials drawn last so they lie on top.
 */
final class ParallelCoordinateFigure {

    private static final String TITLE = "Parallel Coordinate Plot";
    private static final int LEFT = 90;
    private static final int TOP = 130;

    private ParallelCoordinateFigure() {
    }

    /** Where the axes stand: their x positions between {@code top} and {@code bottom}. */
    private record Frame(double[] xs, int top, int bottom, double spacing) {
        double y(double unit) {
            return bottom - unit * (bottom - top);
        }
    }

    static BufferedImage render(Study study, SearchSpace space) {
        int width = StudyFigures.PARALLEL_WIDTH;
        int height = StudyFigures.PARALLEL_HEIGHT;
        List<Trial> trials = StudyCharts.plottable(study);
        if (trials.isEmpty()) {
            return StudyCharts.message(width, height, TITLE, StudyCharts.NO_COMPLETED);
        }
        double min = trials.stream().mapToDouble(Trial::value).min().orElseThrow();
        double max = trials.stream().mapToDouble(Trial::value).max().orElseThrow();
        List<ParamScale> axes = new ArrayList<>();
        ParamScale objective = ParamScale.linear(study.objective().metric(), min, max);
        axes.add(objective);
        for (String name : space.names()) {
            axes.add(ParamScale.of(name, space.get(name)));
        }
        DoubleFunction<Color> colourOf = StudyCharts.goodness(study.direction());
        BufferedImage image = Figures.canvas(width, height);
        Graphics2D g = Figures.graphics(image);
        try {
            StudyCharts.title(g, TITLE, StudyCharts.counts(study), width - COLOUR_BAR_SPACE);
            Frame frame = frame(axes.size(), width - COLOUR_BAR_SPACE - 40, height - 50);
            lines(g, frame, bestLast(study, trials), axes, colourOf);
            drawAxes(g, frame, axes, study.objective().metric());
            StudyCharts.colourBar(g, StudyCharts.bar(width - COLOUR_BAR_SPACE + 20, TOP, frame.bottom() - TOP),
                    colourOf, objective);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Frame frame(int m, int right, int bottom) {
        double[] xs = new double[m];
        for (int i = 0; i < m; i++) {
            xs[i] = LEFT + (right - LEFT) * (double) i / (m - 1);
        }
        double spacing = m > 1 ? (right - LEFT) / (double) (m - 1) : right - LEFT;
        return new Frame(xs, TOP, bottom, spacing);
    }

    /** Worse trials first, so the best lie on top. */
    private static List<Trial> bestLast(Study study, List<Trial> trials) {
        List<Trial> order = new ArrayList<>(trials);
        Comparator<Trial> byValue = Comparator.comparingDouble(Trial::value);
        order.sort(study.direction() == Direction.MAXIMIZE ? byValue : byValue.reversed());
        return order;
    }

    /** One polyline per trial; a parameter the trial lacks breaks its line. */
    private static void lines(Graphics2D g, Frame f, List<Trial> order, List<ParamScale> axes,
            DoubleFunction<Color> colourOf) {
        ParamScale objective = axes.get(0);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Trial t : order) {
            Path2D.Double line = new Path2D.Double();
            boolean open = false;
            for (int i = 0; i < axes.size(); i++) {
                double u = i == 0 ? objective.unit(t.value()) : axes.get(i).unit(t.params().get(axes.get(i).label()));
                if (Double.isNaN(u)) {
                    open = false;
                    continue;
                }
                if (open) {
                    line.lineTo(f.xs()[i], f.y(u));
                } else {
                    line.moveTo(f.xs()[i], f.y(u));
                    open = true;
                }
            }
            g.setColor(colourOf.apply(objective.unit(t.value())));
            g.draw(line);
        }
    }

    /** Each axis with its ticks (labels on a halo over the lines), its name above and "(log)" below. */
    private static void drawAxes(Graphics2D g, Frame f, List<ParamScale> axes, String objectiveName) {
        Font nameFont = Figures.font(Font.BOLD, Figures.LEGEND);
        Font tickFont = Figures.font(Font.PLAIN, Figures.NOTE);
        for (int i = 0; i < axes.size(); i++) {
            ParamScale a = axes.get(i);
            int x = (int) Math.round(f.xs()[i]);
            g.setColor(Figures.TEXT);
            g.setStroke(new BasicStroke(1.5f));
            g.drawLine(x, f.top(), x, f.bottom());
            g.setFont(tickFont);
            FontMetrics tm = g.getFontMetrics();
            for (ParamScale.Tick tick : a.ticks(6)) {
                int y = (int) Math.round(f.y(tick.unit()));
                g.drawLine(x - 4, y, x, y);
                String label = StudyCharts.clip(tick.label(), tm, (int) Math.min(120, f.spacing() - 12));
                StudyCharts.drawHalo(g, label, x - 7 - tm.stringWidth(label), y + (tm.getAscent() - tm.getDescent()) / 2f);
            }
            g.setFont(nameFont);
            FontMetrics nm = g.getFontMetrics();
            String name = StudyCharts.clip(i == 0 ? objectiveName : a.label(), nm, (int) Math.max(40, f.spacing() - 8));
            g.setColor(Figures.TEXT);
            g.drawString(name, x - nm.stringWidth(name) / 2f, f.top() - 16);
            if (a.isLog()) {
                g.setFont(tickFont);
                g.drawString("(log)", x - g.getFontMetrics().stringWidth("(log)") / 2f, f.bottom() + 20);
            }
        }
    }
}

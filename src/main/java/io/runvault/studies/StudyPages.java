package io.runvault.studies;

import io.runvault.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study figures as self-contained interactive pages, the four Optuna users open most
 * ({@code plot_optimization_history}, {@code plot_param_importances}, {@code plot_slice},
 * {@code plot_parallel_coordinate}): the study's data embedded as JSON, drawn as SVG by a script in
 * the page, with hover details, a log-scale switch and, in parallel coordinates, a filter on the
 * objective. The page loads nothing from anywhere (its Content-Security-Policy forbids it), so it
 * works offline, opened from disk or from the appliance.
 */
public final class StudyPages {

    /** The page names, in the order {@link StudyReports} writes them. */
    public static final List<String> FIGURES = List.of(
            "optimization_history", "param_importances", "slice", "parallel_coordinate");

    private static final String SCRIPT = resource("study-pages.js");

    private StudyPages() {
    }

    /**
     * Writes one page.
     *
     * @param figure one of {@link #FIGURES}
     * @param importances the parameter importances (null when there are none), most important first
     * @param why why there are no importances, or null
     */
    public static void write(String figure, Study study, SearchSpace space, Map<String, Double> importances, String why,
                             OutputStream out) throws IOException {
        if (!FIGURES.contains(figure)) {
            throw new IllegalArgumentException("no study page " + figure);
        }
        String data = Json.MAPPER.writeValueAsString(data(figure, study, space, importances, why))
                // Inside <script>: no sequence may end the element or open a comment.
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String title = escape(study.name() + ": " + figure.replace('_', ' '));
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>" + title + "</h1>\n<div id=\"controls\"></div>\n<div id=\"figure\"></div>\n"
                + "<div id=\"tip\" hidden></div>\n<p id=\"note\"></p>\n"
                + "<script type=\"application/json\" id=\"study-data\">" + data + "</script>\n"
                + "<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n";
        out.write(page.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> data(String figure, Study study, SearchSpace space, Map<String, Double> importances,
                                    String why) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("figure", figure);
        d.put("study", study.name());
        d.put("metric", study.objective().metric());
        d.put("direction", study.direction().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> params = new ArrayList<>();
        for (String name : space.names()) {
            Distribution distribution = space.get(name);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            if (distribution instanceof FloatDistribution f) {
                p.put("kind", "float");
                p.put("log", f.log());
                p.put("low", f.low());
                p.put("high", f.high());
            } else if (distribution instanceof IntDistribution i) {
                p.put("kind", "int");
                p.put("log", i.log());
                p.put("low", i.low());
                p.put("high", i.high());
            } else if (distribution instanceof CategoricalDistribution c) {
                p.put("kind", "categorical");
                p.put("choices", c.choices().stream().map(String::valueOf).toList());
            }
            params.add(p);
        }
        d.put("params", params);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Trial t : study.trials()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", t.number());
            row.put("state", t.state().name());
            row.put("value", t.value() == null || t.value().isNaN() || t.value().isInfinite() ? null : t.value());
            Map<String, Object> values = new LinkedHashMap<>();
            t.params().forEach((k, v) -> values.put(k, v instanceof Number ? v : String.valueOf(v)));
            row.put("params", values);
            trials.add(row);
        }
        d.put("trials", trials);
        d.put("best", study.best().map(Trial::number).orElse(null));
        d.put("importances", importances);
        d.put("importanceNote", why);
        return d;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = StudyPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String STYLE = """
            body{font:14px system-ui,sans-serif;margin:16px 24px;color:#222}
            h1{font-size:18px;font-weight:600;margin:0 0 8px}
            #controls{margin:4px 0 8px}#controls label{margin-right:16px}
            svg{background:#fff}svg text{font:12px system-ui,sans-serif;fill:#333}
            .axis line,.axis path{stroke:#999}.grid{stroke:#eee}
            .pt{stroke:#fff;stroke-width:1}.pt:hover,.line:hover{stroke:#000;stroke-width:2}
            .line{fill:none;stroke-width:1.5;opacity:.75}.faded{opacity:.08}
            #tip{position:fixed;background:#222;color:#fff;padding:6px 8px;border-radius:4px;font-size:12px;
            pointer-events:none;white-space:pre;max-width:480px}
            #note{color:#666}
            """;
}

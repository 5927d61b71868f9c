package io.runvault.studies;

import io.runvault.json.Json;
import io.runvault.json.Yaml;
import io.runvault.reports.Figures;
import io.runvault.reports.ReportFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the artifacts of a tuning run's study (DESIGN.md "Run layout": tuning runs add study figures,
 * {@code best_config.yaml}, {@code study_summary.json}, {@code top_10_trials.xlsx}) under a run
 * directory, each file through a temporary file renamed into place:
 * <pre>
 * figures/optimization_history.png  figures/param_importances.png  figures/slice.png
 * figures/parallel_coordinate.png   figures/contour.png
 * figures/{optimization_history,param_importances,slice,parallel_coordinate}.html  (StudyPages)
 * reports/best_config.yaml          reports/study_summary.json      reports/top_10_trials.xlsx
 * database/study.db                 (Optuna 3.1 SQLite storage, see {@link OptunaExport})
 * </pre>
 * The figures are described in {@link StudyFigures}; parameter importance is {@link ParamImportance}
 * with the given seed, so the same study and seed always give the same files (but for the database's
 * local datetimes, which follow the machine's time zone as Optuna's would).
 *
 * <p>No study makes this throw but for I/O errors: a study without completed trials gets figures that
 * say so, a best_config.yaml equal to the base configuration (with a comment saying no trial
 * completed) and {@code "best_trial": null} in the summary.
 */
public final class StudyReports {

    public static final List<String> FILES = List.of(
            "figures/optimization_history.png", "figures/param_importances.png", "figures/slice.png",
            "figures/parallel_coordinate.png", "figures/contour.png",
            "reports/best_config.yaml", "reports/study_summary.json", "reports/top_10_trials.xlsx",
            "database/study.db", "figures/optimization_history.html", "figures/param_importances.html",
            "figures/slice.html", "figures/parallel_coordinate.html");

    private StudyReports() {
    }

    /** {@link #writeSuite(Path, Study, SearchSpace, long, Map)} with an empty base configuration. */
    public static List<String> writeSuite(Path runDir, Study study, SearchSpace space, long seed) throws IOException {
        return writeSuite(runDir, study, space, seed, Map.of());
    }

    /**
     * Writes the suite; returns the relative paths written, in the order of {@link #FILES}.
     *
     * @param seed the seed of the parameter importance's random forest
     * @param baseConfig the configuration the best trial's parameters are merged into for
     *     {@code best_config.yaml} (a parameter name with dots, {@code optimizer.lr}, sets a nested key)
     */
    public static List<String> writeSuite(Path runDir, Study study, SearchSpace space, long seed,
            Map<String, Object> baseConfig) throws IOException {
        Importance importance = importance(study, space, seed);
        List<String> ranked = importance.values() != null ? List.copyOf(importance.values().keySet()) : space.names();
        String rankedBy = importance.values() != null ? "the two most important" : "the first two of the search space";
        ReportFiles files = new ReportFiles(runDir);
        files.write(FILES.get(0), out -> Figures.writePng(StudyFigures.optimizationHistory(study), out));
        files.write(FILES.get(1), out -> Figures.writePng(
                StudyFigures.paramImportances(study, importance.values(), seed, importance.why()), out));
        files.write(FILES.get(2), out -> Figures.writePng(StudyFigures.slice(study, space), out));
        files.write(FILES.get(3), out -> Figures.writePng(StudyFigures.parallelCoordinate(study, space), out));
        files.write(FILES.get(4), out -> Figures.writePng(
                StudyFigures.contour(study, space, ranked, rankedBy), out));
        files.write(FILES.get(5), out -> writeBestConfig(study, baseConfig, out));
        files.write(FILES.get(6), out -> Json.PRETTY.writeValue(out, summary(study, importance, seed)));
        files.write(FILES.get(7), out -> TopTrialsWorkbook.write(study, space, out));
        // Optuna's storage of the study; OptunaExport creates the file itself.
        files.writePath(FILES.get(8), db -> OptunaExport.write(forOptuna(study),
                Map.of("metric", study.objective().metric()), db));
        for (String page : StudyPages.FIGURES) {
            files.write("figures/" + page + ".html",
                    out -> StudyPages.write(page, study, space, importance.values(), importance.why(), out));
        }
        return files.written();
    }

    /** Importances, or why there are none (fewer than 2 completed trials). */
    record Importance(Map<String, Double> values, String why) {}

    static Importance importance(Study study, SearchSpace space, long seed) {
        try {
            return new Importance(ParamImportance.evaluate(space, study.trials(), seed), null);
        } catch (IllegalArgumentException e) {
            int n = StudyFigures.plottable(study).size();
            return new Importance(null, n == 0 ? StudyFigures.NO_COMPLETED
                    : "importance needs at least 2 completed trials; this study has " + n);
        }
    }

    // ---------------------------------------------------------------- best_config.yaml

    /**
     * The base configuration with the best trial's parameters set in it (a deep copy; the base is not
     * changed). Without a best trial, a copy of the base.
     */
    public static Map<String, Object> bestConfig(Study study, Map<String, Object> baseConfig) {
        Map<String, Object> config = deepCopy(baseConfig == null ? Map.of() : baseConfig);
        study.best().ifPresent(best -> best.params().forEach((name, value) -> put(config, name, value)));
        return config;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> config, String name, Object value) {
        String[] path = name.split("\\.", -1);
        Map<String, Object> at = config;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = at.get(path[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(path[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(path[path.length - 1], value);
    }

    private static Map<String, Object> deepCopy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), copyValue(v)));
        return out;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }

    /**
     * Finite doubles as plain decimals ({@code 0.00010}, never {@code 1.0E-4}): YAML 1.1 readers such as
     * PyYAML read an exponent without a sign ({@code 1.0E10}) as a string.
     */
    private static Object yamlNumbers(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), yamlNumbers(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(yamlNumbers(x)));
            return out;
        }
        if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            BigDecimal d = new BigDecimal(v.toString());
            return d.scale() < 1 ? d.setScale(1) : d; // keeps a decimal point, so it reads back as a float
        }
        return v;
    }

    private static void writeBestConfig(Study study, Map<String, Object> baseConfig, OutputStream out) throws IOException {
        Optional<Trial> best = study.best();
        String comment = best.map(t -> "# Best trial " + t.number() + " of study " + oneLine(study.name()) + " ("
                + study.direction().name().toLowerCase(Locale.ROOT) + " " + oneLine(study.objective().metric()) + " = "
                + ParamScale.number(t.value()) + "): its parameters merged into the base configuration.\n")
                .orElse("# Study " + oneLine(study.name()) + " has no completed trial: this is the base configuration, unchanged.\n");
        out.write(comment.getBytes(StandardCharsets.UTF_8));
        Yaml.PLAIN.writeValue(out, yamlNumbers(bestConfig(study, baseConfig)));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}", " ");
    }

    // ---------------------------------------------------------------- study_summary.json

    /**
     * The content of {@code study_summary.json}: study_name, direction, metric, n_trials, counts (per
     * state, every state listed), best_trial (or null), param_importances (method, trees, seed, values;
     * or null with a reason) and trials (number, state, params, value, intermediate_values by step,
     * datetime_start, datetime_complete, duration_s, failure_reason). Non-finite numbers are the strings
     * "NaN", "Infinity" and "-Infinity", so the file stays strict JSON.
     */
    static Map<String, Object> summary(Study study, Importance importance, long seed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("study_name", study.name());
        s.put("direction", study.direction().name());
        s.put("metric", study.objective().metric());
        s.put("n_trials", study.trials().size());
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (TrialState st : TrialState.values()) {
            counts.put(st, 0);
        }
        study.trials().forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        Map<String, Integer> c = new LinkedHashMap<>();
        counts.forEach((k, v) -> c.put(k.name(), v));
        s.put("counts", c);
        s.put("best_trial", study.best().map(StudyReports::trialJson).orElse(null));
        Map<String, Object> imp = new LinkedHashMap<>();
        imp.put("method", "fANOVA");
        imp.put("trees", ParamImportance.TREES);
        imp.put("seed", seed);
        imp.put("values", importance.values());
        if (importance.values() == null) {
            imp.put("reason", importance.why());
        }
        s.put("param_importances", imp);
        List<Object> trials = new ArrayList<>();
        study.trials().forEach(t -> trials.add(trialJson(t)));
        s.put("trials", trials);
        return s;
    }

    private static Map<String, Object> trialJson(Trial t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("number", t.number());
        o.put("state", t.state().name());
        Map<String, Object> params = new LinkedHashMap<>();
        t.params().forEach((k, v) -> params.put(k, v instanceof Double d ? json(d) : v));
        o.put("params", params);
        o.put("value", json(t.value()));
        Map<String, Object> iv = new LinkedHashMap<>();
        t.intermediateValues().forEach((step, v) -> iv.put(String.valueOf(step), json(v)));
        o.put("intermediate_values", iv);
        o.put("datetime_start", t.datetimeStart() == null ? null : t.datetimeStart().toString());
        o.put("datetime_complete", t.datetimeComplete() == null ? null : t.datetimeComplete().toString());
        o.put("duration_s", TopTrialsWorkbook.duration(t));
        o.put("failure_reason", t.failureReason());
        return o;
    }

    private static Object json(Double v) {
        if (v == null || Double.isFinite(v)) {
            return v;
        }
        return v.isNaN() ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    // ---------------------------------------------------------------- database/study.db

    /**
     * The study as Optuna would have recorded it: a COMPLETE trial with a NaN value as FAIL (as
     * {@link Trial#complete} does), a PRUNED trial whose last report was NaN without a value.
     */
    static Study forOptuna(Study study) {
        List<Trial> trials = new ArrayList<>();
        for (Trial t : study.trials()) {
            if (t.value() != null && t.value().isNaN() && t.state() == TrialState.COMPLETE) {
                t = new Trial(t.number(), TrialState.FAIL, t.params(), t.distributions(), null, t.intermediateValues(),
                        t.datetimeStart(), t.datetimeComplete(), "the objective value is NaN", t.systemAttributes());
            } else if (t.value() != null && t.value().isNaN() && t.state() == TrialState.PRUNED) {
                t = new Trial(t.number(), TrialState.PRUNED, t.params(), t.distributions(), null, t.intermediateValues(),
                        t.datetimeStart(), t.datetimeComplete(), t.failureReason(), t.systemAttributes());
            }
            trials.add(t);
        }
        return new Study(study.name(), study.objective(), trials);
    }
}

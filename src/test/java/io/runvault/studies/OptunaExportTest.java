package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optuna 3.1 itself (Debian's python3-optuna) opens the exported file and reports what it sees. */
class OptunaExportTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LOAD = """
            import json, math, sys, optuna
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            study = optuna.load_study(study_name=sys.argv[2], storage="sqlite:///" + sys.argv[1])
            def num(v):
                return repr(v) if isinstance(v, float) and not math.isfinite(v) else v
            out = {"direction": study.direction.name, "user_attrs": study.user_attrs, "trials": []}
            for t in study.trials:
                out["trials"].append({
                    "number": t.number, "state": t.state.name, "params": t.params, "value": num(t.value),
                    "intermediate": {str(k): num(v) for k, v in t.intermediate_values.items()},
                    "distributions": {k: optuna.distributions.distribution_to_json(d)
                                      for k, d in t.distributions.items()},
                    "system_attrs": t.system_attrs,
                    "start": None if t.datetime_start is None else t.datetime_start.isoformat()})
            out["best"] = study.best_trial.number
            out["best_value"] = study.best_value
            # Resuming works: Optuna runs the waiting trial first, then adds one of its own.
            study.optimize(lambda t: t.suggest_float("lr", 1e-5, 1e-1, log=True), n_trials=2)
            out["after_resume"] = [len(study.trials), study.trials[10].state.name]
            print(json.dumps(out))
            """;

    static SearchSpace space() {
        Map<String, Distribution> m = new LinkedHashMap<>();
        m.put("lr", FloatDistribution.logUniform(1e-5, 1e-1));
        m.put("batch", new IntDistribution(16, 128, false, 16));
        m.put("drop", new FloatDistribution(0, 0.5, false, 0.1));
        m.put("opt", CategoricalDistribution.of("adam", "sgd", null, 1.5, true));
        return new SearchSpace(m);
    }

    /** Every state, pruned with and without reports, infinite and NaN values, system attributes. */
    static Study study() {
        SearchSpace space = space();
        Instant t0 = Instant.parse("2026-03-01T10:00:00.123456Z");
        List<Trial> trials = new ArrayList<>();
        Sampler sampler = new RandomSampler(3);
        for (int i = 0; i < 9; i++) {
            Map<String, Object> p = sampler.sample(space, Direction.MAXIMIZE, trials, i);
            Trial t = Trial.running(i, p, space, t0.plusSeconds(60L * i));
            for (int step = 0; step < 3; step++) {
                t = t.report(step, 0.5 + 0.01 * i + 0.1 * step);
            }
            Instant end = t0.plusSeconds(60L * i + 30);
            switch (i % 5) {
                case 0 -> t = t.complete(0.7 + 0.01 * i, end);
                case 1 -> t = t.prune(end);
                case 2 -> t = t.fail("CUDA out of memory", end);
                case 3 -> t = t.complete(i == 3 ? 0.95 : 0.6, end);
                default -> t = t.withSystemAttributes(Map.of("completed_rung_0", 0.52));
            }
            trials.add(t);
        }
        Map<String, Object> p = sampler.sample(space, Direction.MAXIMIZE, trials, 9);
        trials.add(Trial.running(9, p, space, t0).prune(t0.plusSeconds(1)));
        trials.add(new Trial(10, TrialState.WAITING, Map.of(), Map.of(), null, null, null, null, null, null));
        trials.add(Trial.running(11, p, space, t0).report(0, Double.NaN).report(1, Double.POSITIVE_INFINITY)
                .complete(Double.NEGATIVE_INFINITY, t0.plusSeconds(2)));
        return new Study("fashion-lr-search", new Objective("val_auc", Direction.MAXIMIZE), trials);
    }

    @Test
    void optunaLoadsTheSameStudy(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(optunaAvailable(), "Debian's python3-optuna is not installed");
        Study study = study();
        Path db = dir.resolve("study.db");
        OptunaExport.write(study, Map.of("metric", "val_auc"), db, ZoneOffset.UTC);
        JsonNode seen = JSON.readTree(run(PYTHON, "-c", LOAD, db.toString(), study.name()));

        assertEquals("MAXIMIZE", seen.get("direction").asText());
        assertEquals("val_auc", seen.get("user_attrs").get("metric").asText());
        assertEquals(study.trials().size(), seen.get("trials").size());
        for (Trial t : study.trials()) {
            JsonNode o = seen.get("trials").get(t.number());
            String where = "trial " + t.number();
            assertEquals(t.number(), o.get("number").asInt());
            assertEquals(t.state().name(), o.get("state").asText(), where);
            assertEquals(t.params().keySet(), keys(o.get("params")), where);
            for (Map.Entry<String, Object> e : t.params().entrySet()) {
                assertParam(e.getValue(), o.get("params").get(e.getKey()), where + " " + e.getKey());
                JsonNode ours = JSON.valueToTree(t.distributions().get(e.getKey()).toOptunaJson());
                JsonNode theirs = JSON.readTree(o.get("distributions").get(e.getKey()).asText());
                assertTrue(ours.equals(OptunaExportTest::sameJson, theirs), where + ": " + ours + " vs " + theirs);
            }
            assertEquals(text(t.value()), text(o.get("value")), "value of " + where);
            assertEquals(t.intermediateValues().size(), o.get("intermediate").size(), where);
            t.intermediateValues().forEach((step, v) ->
                    assertEquals(text(v), text(o.get("intermediate").get(String.valueOf(step))), where));
            if (t.datetimeStart() != null) {
                assertEquals(t.datetimeStart().atOffset(ZoneOffset.UTC).toLocalDateTime().toString(),
                        o.get("start").asText(), where);
            }
        }
        assertEquals(0.52, seen.get("trials").get(4).get("system_attrs").get("completed_rung_0").asDouble());
        assertEquals("CUDA out of memory",
                seen.get("trials").get(2).get("system_attrs").get("fail_reason").asText());
        assertEquals(3, study.best().orElseThrow().number());
        assertEquals(3, seen.get("best").asInt());
        assertEquals(0.95, seen.get("best_value").asDouble());
        assertEquals(study.trials().size() + 1, seen.get("after_resume").get(0).asInt());
        assertEquals("COMPLETE", seen.get("after_resume").get(1).asText());
    }

    @Test
    void refusesToOverwrite(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("study.db");
        Files.writeString(db, "x");
        assertThrows(IOException.class, () -> OptunaExport.write(study(), Map.of(), db));
        assertEquals("x", Files.readString(db));
    }

    private static void assertParam(Object expected, JsonNode v, String where) {
        if (expected == null) {
            assertTrue(v.isNull(), where);
        } else if (expected instanceof Long l) {
            assertTrue(v.isIntegralNumber(), where + " should load as an int");
            assertEquals(l.longValue(), v.asLong(), where);
        } else if (expected instanceof Number d) {
            assertEquals(d.doubleValue(), v.asDouble(), 0.0, where);
        } else if (expected instanceof Boolean b) {
            assertEquals(b, v.asBoolean(), where);
        } else {
            assertEquals(expected, v.asText(), where);
        }
    }

    /** JSON equality with 16 and 16.0 the same number. */
    private static int sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String text(Double v) {
        if (v == null) {
            return "null";
        }
        if (v.isNaN()) {
            return "nan";
        }
        return v.isInfinite() ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        return v.isTextual() ? v.asText() : Double.toString(v.asDouble());
    }

    static boolean optunaAvailable() {
        try {
            run(PYTHON, "-c", "import optuna");
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command[0]))) {
            throw new IOException(command[0] + " is missing");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command[0] + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

package io.runvault.jobs.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The frozen spec, params and tags of an evaluation kind's run, the same for every kind: the
 * target's members, the models as opened, the data scored, then what the kind adds.
 *
 * @param models the models in the order they were scored
 * @param images the number of images scored
 * @param datasetDigest the digest of the dataset they came from
 */
record EvaluationRunRecord(EvaluationTarget target, List<ModelUsed> models, int images, String datasetDigest) {

    EvaluationRunRecord {
        models = List.copyOf(models);
    }

    /** {@code reports/config_snapshot.yaml}: the spec with every default filled in, in the spec's order. */
    Map<String, Object> frozen() {
        EvaluationScope scope = target.scope();
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("kind", target.kind());
        frozen.put("experiment", scope.experiment());
        if (target.oneRun()) {
            frozen.put("run", target.runs().get(0));
        } else {
            frozen.put("runs", target.runs());
        }
        frozen.put("dataset", scope.dataset());
        frozen.put("split", scope.split());
        frozen.put("samples", scope.samples());
        frozen.put("engine", scope.engine());
        frozen.put("seed", scope.seed());
        frozen.putAll(target.settings());
        if (target.normalization() != null) {
            frozen.put("normalization", Map.of("scale", target.normalization().scale(),
                    "mean", target.normalization().mean(), "std", target.normalization().std()));
        }
        return frozen;
    }

    /**
     * The run's params: the data scored, the model(s) as opened (for one run also the engine asked
     * for and the preprocessing used), then {@code extra}, the kind's own.
     */
    Map<String, Object> params(Map<String, Object> extra) {
        EvaluationScope scope = target.scope();
        Map<String, Object> params = new LinkedHashMap<>();
        if (target.oneRun()) {
            ModelUsed model = models.get(0);
            params.put("run", model.runId());
            params.put("engine", model.engine());
            params.put("engineRequested", scope.engine());
            params.put("modelFile", model.file());
            params.put("normalization", String.valueOf(model.normalization()));
        } else {
            params.put("runs", String.join(",", target.runs()));
            params.put("engines", models.stream().map(ModelUsed::engine).collect(Collectors.joining(",")));
        }
        params.put("dataset", scope.dataset());
        params.put("split", scope.split());
        params.put("samples", scope.samples());
        params.put("seed", scope.seed());
        params.put("images", images);
        params.put("datasetDigest", datasetDigest);
        params.putAll(extra);
        return params;
    }

    /** The kind, and for one run the model's run and engine. */
    Map<String, String> tags() {
        if (!target.oneRun()) {
            return Map.of("kind", target.kind());
        }
        ModelUsed model = models.get(0);
        return Map.of("kind", target.kind(), "model_run", model.runId(), "engine", model.engine());
    }
}

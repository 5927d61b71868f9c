package io.runvault.tuning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runvault.studies.OptunaExport;
import io.runvault.studies.SearchSpace;
import io.runvault.studies.Study;
import io.runvault.studies.Trial;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study files every study run has: {@code reports/study_summary.json} (settings, best trial,
 * every trial) and {@code database/study.db} (Optuna 3.1 SQLite, so the study can be loaded and
 * resumed in Optuna).
 */
@ApplicationScoped
public class MinimalStudyArtifacts implements StudyArtifacts {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(Path runDir, Study study, SearchSpace space, long seed) throws IOException {
        Files.createDirectories(runDir.resolve("reports"));
        Files.createDirectories(runDir.resolve("database"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("study_name", study.name());
        summary.put("direction", study.direction().name().toLowerCase(java.util.Locale.ROOT));
        summary.put("metric", study.objective().metric());
        summary.put("seed", seed);
        summary.put("n_trials", study.trials().size());
        study.best().ifPresent(best -> {
            summary.put("best_trial", best.number());
            summary.put("best_value", best.value());
            summary.put("best_params", best.params());
        });
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Trial t : study.trials()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", t.number());
            row.put("state", t.state().name());
            row.put("value", t.value());
            row.put("params", t.params());
            row.put("intermediate_values", t.intermediateValues());
            row.put("datetime_start", t.datetimeStart() == null ? null : t.datetimeStart().toString());
            row.put("datetime_complete", t.datetimeComplete() == null ? null : t.datetimeComplete().toString());
            if (t.failureReason() != null) {
                row.put("fail_reason", t.failureReason());
            }
            trials.add(row);
        }
        summary.put("trials", trials);
        Files.writeString(runDir.resolve("reports/study_summary.json"), JSON.writeValueAsString(summary));
        OptunaExport.write(study, Map.of(), runDir.resolve("database/study.db"));
    }
}

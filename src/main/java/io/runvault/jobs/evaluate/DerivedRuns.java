package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobRunDrafts;
import io.runvault.json.Yaml;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunDraft;
import io.runvault.training.TrainingProvenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Commits the runs of the evaluation kinds (evaluate, robustness, compare): their reports are
 * written into a work folder, which gets the frozen spec, the environment and the job log, and a
 * run draft over that folder commits them with the evaluated runs as parents.
 */
@ApplicationScoped
public class DerivedRuns {

    @Inject
    JobRunDrafts drafts;

    /** What a derived run records besides its files. */
    public record Content(String experiment, Map<String, Object> frozenSpec, Map<String, Object> params,
                          Map<String, Double> metrics, Map<String, String> tags, List<String> parents,
                          TrainingProvenance provenance) {
    }

    /** Where a run scored on {@code dataset} with {@code seed} by this appliance came from. */
    public TrainingProvenance provenance(DatasetCatalog.Loaded dataset, long seed) {
        return TrainingProvenance.ofData(dataset.name(), dataset.digest().toString(), seed, drafts.appliance());
    }

    /** A fresh, empty work folder for the job's execution. */
    public Path workFolder(JobEntity job) throws IOException {
        return drafts.freshFolder(job, "run-" + job.executionId());
    }

    /** Adds the standard files to {@code dir}, stores everything and commits; returns the run id and removes the folder. */
    public String commit(JobEntity job, Path dir, Content content) throws IOException {
        try (RunDraft draft = drafts.adopt(dir)) {
            Files.createDirectories(dir.resolve("reports"));
            Files.writeString(dir.resolve("reports/config_snapshot.yaml"), Yaml.MAPPER.writeValueAsString(content.frozenSpec()));
            FileEntry environmentFile = drafts.addEnvironmentAndLog(draft, job);
            draft.experiment(content.experiment()).params(content.params()).metrics(content.metrics())
                    .tags(content.tags()).tag("job", job.id())
                    .lineage(content.provenance().lineage(content.parents(), environmentFile.digest()));
            return draft.commit(job.submittedBy()).run().id();
        }
    }
}

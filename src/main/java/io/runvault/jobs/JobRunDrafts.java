package io.runvault.jobs;

import io.runvault.config.Settings;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunDraft;
import io.runvault.runs.RunDrafts;
import io.runvault.runs.StagingFolder;
import io.runvault.training.EnvironmentReport;
import io.runvault.training.TrainingProvenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where every job kind drafts the runs it commits: in a folder of the job's work area
 * ({@code RUNVAULT_DATA/jobs/<job id>/<folder>}), and with what every job's run holds besides its
 * own reports: {@code reports/environment.txt} (this appliance and host) and {@code logs/run.log}
 * (the job's log so far).
 */
@ApplicationScoped
public class JobRunDrafts {

    @Inject
    Settings settings;

    @Inject
    RunDrafts drafts;

    @Inject
    JobLog log;

    @Inject
    EnvironmentReport environment;

    /** A draft staging in the job's work folder {@code folder}, emptied first. */
    public RunDraft open(JobEntity job, String folder) throws IOException {
        return drafts.open(workArea(job).resolve(folder));
    }

    /** A fresh, empty work folder {@code folder} of the job, for reports written before a draft adopts it. */
    public Path freshFolder(JobEntity job, String folder) throws IOException {
        return StagingFolder.fresh(workArea(job).resolve(folder));
    }

    /** A draft over a folder its reports were already written to (see {@link #freshFolder}). */
    public RunDraft adopt(Path folder) throws IOException {
        return drafts.adopt(folder);
    }

    /**
     * Adds the environment report and the job's log to a draft; answers the environment file, whose
     * digest the run's lineage names.
     */
    public FileEntry addEnvironmentAndLog(RunDraft draft, JobEntity job) throws IOException {
        FileEntry environmentFile = draft.addText("reports/environment.txt", environment.text());
        draft.add("logs/run.log", log.file(job.id()));
        return environmentFile;
    }

    /** This appliance (version and code), as a run's provenance records it. */
    public TrainingProvenance.Appliance appliance() {
        return environment.appliance();
    }

    /** The environment as key facts (device, versions), for summaries. */
    public Map<String, String> environmentSummary() {
        return environment.summary();
    }

    private Path workArea(JobEntity job) {
        return settings.dataDirectory().resolve("jobs").resolve(job.id());
    }
}

package io.runvault.jobs.tune;

import io.runvault.database.Durability;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobRunDrafts;
import io.runvault.jobs.JobService;
import io.runvault.jobs.train.EpochLogListener;
import io.runvault.jobs.train.ListenerChain;
import io.runvault.jobs.train.ModelRegistration;
import io.runvault.jobs.train.ProgressListener;
import io.runvault.jobs.train.StopListener;
import io.runvault.jobs.train.TrainJobRunner;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.jobs.train.TrainingRunAssembler;
import io.runvault.models.ModelVersion;
import io.runvault.problem.ProblemException;
import io.runvault.promotion.PromotionAsk;
import io.runvault.promotion.PromotionService;
import io.runvault.promotion.PromotionView;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunDraft;
import io.runvault.runs.RunService;
import io.runvault.studies.Study;
import io.runvault.studies.StudyReports;
import io.runvault.studies.Trial;
import io.runvault.studies.TrialState;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingListener;
import io.runvault.training.TrainingProvenance;
import io.runvault.training.TrainingResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The end of a tuning job, as users finish a hyperparameter search: commit the study run, retrain the best trial's
 * configuration on training and validation data together, commit that as the final model run
 * (derived from the study run), and register and propose it for {@code validated} when the spec
 * names a model.
 */
@ApplicationScoped
public class TuneFinisher {

    @Inject
    TuneJobRunner runner;

    @Inject
    StudyStore store;

    @Inject
    JobExecution frame;

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    JobRunDrafts drafts;

    @Inject
    RunService runs;

    @Inject
    TrainingRunAssembler assembler;

    @Inject
    ModelRegistration registration;

    @Inject
    PromotionService promotions;

    @Inject
    Durability durability;

    /** The final step: answers its exit status; the job listener records a stop seen before it. */
    public String finish(String jobId) throws Exception {
        TuneJobRunner.Execution execution = runner.execution(jobId);
        if (execution.live().stopRequested()) {
            return "STOPPED"; // the job listener records the stop
        }
        try {
            return frame.settle(jobs.get(jobId), execution.live(), new Finish(execution));
        } finally {
            durability.flushCommitted();
        }
    }

    /** The final step's work in the execution frame; the study's state follows the job's outcome. */
    private final class Finish implements JobExecution.Work {

        private final TuneJobRunner.Execution execution;
        private Trial best;
        private TrainJobSpec bestSpec;
        private String studyRun;

        Finish(TuneJobRunner.Execution execution) {
            this.execution = execution;
        }

        @Override
        public String perform(JobEntity job, JobProgress progress) throws Exception {
            TuneJobSpec spec = execution.spec();
            Study study = finishedStudy(job.id(), spec);
            best = study.best().orElseThrow(() -> new IllegalStateException("no trial completed"));
            log.append(job.id(), "study finished: " + count(study, TrialState.COMPLETE) + " complete, "
                    + count(study, TrialState.PRUNED) + " pruned, " + count(study, TrialState.FAIL) + " failed; best trial "
                    + best.number() + " " + spec.objective().metric() + "=" + TuneJobRunner.format(best.value())
                    + " with " + best.params());
            studyRun = commitStudy(job, spec, study, best, execution.data());
            log.append(job.id(), "committed study run " + studyRun);
            bestSpec = spec.trialSpec(best.params());
            return retrain(job, execution, bestSpec, best, studyRun);
        }

        @Override
        public String committedLine(String runId) {
            return "committed final model run " + runId + " (parent: study run " + studyRun + ")";
        }

        @Override
        public void committed(JobEntity job, String runId) {
            store.completed(job.id(), best.number(), studyRun, runId);
            if (execution.spec().model() != null) {
                register(job.id(), job.submittedBy(), execution.spec(), bestSpec, best, runId);
            }
        }

        @Override
        public JobExecution.Stop stopped(JobEntity job) {
            store.state(job.id(), "stopped");
            return new JobExecution.Stop("stopped during the final retraining; a restart retrains it (no trial runs again)",
                    "stopped on request during the final retraining");
        }

        @Override
        public void failed(JobEntity job) {
            store.state(job.id(), "failed");
        }
    }

    /** The study, once every planned trial has finished. */
    private Study finishedStudy(String jobId, TuneJobSpec spec) {
        Study study = store.study(jobId, spec.studyName(), spec.objective(), spec.space());
        long unfinished = study.trials().stream().filter(t -> !t.state().isFinished()).count();
        if (study.trials().size() < spec.trials() || unfinished > 0) {
            throw new IllegalStateException("the study has " + study.trials().size() + " trials, " + unfinished
                    + " unfinished; " + spec.trials() + " were planned");
        }
        return study;
    }

    /** Retrains the best trial's configuration on training and validation data; commits it as the final model run. */
    private String retrain(JobEntity job, TuneJobRunner.Execution execution, TrainJobSpec bestSpec, Trial best,
                           String studyRun) throws Exception {
        String jobId = job.id();
        TuneJobSpec spec = execution.spec();
        TrainJobRunner.Data data = execution.data();
        TrainJobRunner.Data all = new TrainJobRunner.Data(data.name(), data.digest(),
                data.train().concat(data.val()), data.val(), data.test());
        log.append(jobId, "retraining trial " + best.number() + "'s configuration on training and validation data ("
                + all.train().size() + " images), " + bestSpec.training().epochs() + " epochs");
        TrainingListener listener = ListenerChain.of(
                new ProgressListener(jobId, jobs, execution.live(), execution.units(), false),
                new EpochLogListener(jobId, log, m -> "final model: epoch " + m.epoch() + " val_auc="
                        + TuneJobRunner.format(m.valAuc())),
                new StopListener(execution.live()));
        TrainingResult result = new Trainer().train(bestSpec.training(), all.train(), all.val(), listener, null);
        return assembler.commit(job, bestSpec, all, result, all.scoreOnTest(bestSpec.training(), result), List.of(studyRun),
                Map.of("kind", "tune", "study", spec.studyName(), "trial", String.valueOf(best.number()),
                        "trainedOn", "train+val"));
    }

    private static long count(Study study, TrialState state) {
        return study.trials().stream().filter(t -> t.state() == state).count();
    }

    /** The study run: the study's files, its settings and best parameters as params, and this job's log. */
    private String commitStudy(JobEntity job, TuneJobSpec spec, Study study, Trial best, TrainJobRunner.Data data)
            throws IOException {
        try (RunDraft draft = drafts.open(job, "study-" + job.executionId())) {
            Path dir = draft.folder();
            // Figures, best_config.yaml (the base configuration with the best trial's values),
            // study_summary.json, top_10_trials.xlsx and the Optuna database.
            StudyReports.writeSuite(dir, study, spec.space(), spec.seed(), TrainingRunAssembler.frozen(spec.base()));
            FileEntry environmentFile = drafts.addEnvironmentAndLog(draft, job);
            TrainingProvenance provenance = TrainingProvenance.ofData(data.name(), data.digest().toString(),
                    spec.seed(), drafts.appliance());
            TreeMap<String, Object> params = new TreeMap<>();
            params.put("study", spec.studyName());
            params.put("dataset", spec.base().dataset());
            params.put("architecture", spec.trialSpec(best.params()).training().architecture().externalName());
            params.put("objective", spec.objective().metric());
            params.put("direction", spec.objective().direction().name().toLowerCase(java.util.Locale.ROOT));
            params.put("sampler", spec.sampler());
            params.put("pruner", spec.pruner());
            params.put("seed", (double) provenance.seed());
            params.put("trials", (double) spec.trials());
            params.put("concurrency", (double) spec.concurrency());
            params.put("datasetDigest", provenance.datasetDigest());
            best.params().forEach((name, value) -> params.put("best." + name,
                    value instanceof Number n ? (Object) n.doubleValue() : value instanceof Boolean ? value : String.valueOf(value)));
            TreeMap<String, Double> metrics = new TreeMap<>();
            metrics.put("best_value", best.value());
            metrics.put("best_trial", (double) best.number());
            metrics.put("trials_complete", (double) count(study, TrialState.COMPLETE));
            metrics.put("trials_pruned", (double) count(study, TrialState.PRUNED));
            metrics.put("trials_failed", (double) count(study, TrialState.FAIL));
            // The best value so far after each trial: the optimisation history as a series.
            List<Double> history = new ArrayList<>();
            Double so = null;
            for (Trial t : study.trials()) {
                if (t.state() == TrialState.COMPLETE && Double.isFinite(t.value())
                        && (so == null || study.direction().better(t.value(), so))) {
                    so = t.value();
                }
                if (so != null) {
                    history.add(so);
                }
            }
            draft.experiment(spec.base().experiment()).params(params).metrics(metrics).series("best_value", history)
                    .tags(spec.base().tags()).tag("job", job.id()).tag("kind", "tune").tag("study", spec.studyName())
                    .lineage(provenance.lineage(List.of(), environmentFile.digest()));
            return draft.commit(job.submittedBy()).run().id();
        }
    }

    /**
     * Registers the final model as the next version of the spec's model and asks for validated; the
     * model's gates decide, and the log says what they said. The runs stay committed either way.
     */
    private void register(String jobId, String actor, TuneJobSpec spec, TrainJobSpec bestSpec, Trial best, String runId) {
        Optional<ModelVersion> registered = registration.register(jobId, actor, spec.model(), bestSpec.training(), runId);
        if (registered.isEmpty()) {
            return;
        }
        ModelVersion version = registered.get();
        try {
            PromotionView promotion = promotions.request(new PromotionAsk(spec.model(), version.version(), "validated",
                    "tuning job " + jobId + ": best trial " + best.number() + " of study '" + spec.studyName()
                            + "', retrained on training and validation data"), actor);
            StringBuilder line = new StringBuilder("promotion to validated requested (" + promotion.id() + "): "
                    + promotion.status());
            promotion.evidence().forEach(gate -> line.append("; ").append(gate));
            log.append(jobId, line.toString());
        } catch (ProblemException refused) {
            log.append(jobId, "promotion to validated not requested: " + refused.getMessage());
        }
    }
}

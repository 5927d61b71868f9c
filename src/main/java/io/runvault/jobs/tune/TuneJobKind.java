package io.runvault.jobs.tune;

import io.runvault.jobs.JobExecution;
import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainingJobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A hyperparameter study (META-INF/batch-jobs/tune.xml, {@link TuneJobRunner}, {@link TuneFinisher}). */
@ApplicationScoped
public class TuneJobKind extends TrainingJobKind {

    @Inject
    TuneJobRunner runner;

    @Inject
    TuneFinisher finisher;

    @Inject
    JobExecution frame;

    @Override
    public String name() {
        return TuneJobSpec.KIND;
    }

    @Override
    public Accepted accept(String body) {
        TuneJobRequest request = bind(body, TuneJobRequest.class, TuneJobSpec::check);
        TuneJobSpec spec = TuneJobSpec.of(request);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("dataset", spec.base().dataset());
        audit.put("study", spec.studyName());
        audit.put("trials", spec.trials());
        audit.put("searchSpace", spec.space().names());
        return new Accepted(spec.base().experiment(), spec.totalEpochs(), audit,
                "study '" + spec.studyName() + "' on " + spec.base().dataset() + ": " + spec.trials() + " trials of "
                        + spec.space().names() + ", " + spec.objective().direction().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + spec.objective().metric(), RequestBinder.canonical(request));
    }

    /** Steps {@code trials} (one partition per concurrent trial) and {@code finish} (study run, final model). */
    @Override
    public String run(Step step) throws Exception {
        return switch (step.name()) {
            case "trials" -> runner.trials(step.jobId(), step.partitionNumber());
            case "finish" -> finisher.finish(step.jobId());
            default -> throw new IllegalStateException("tune has no step " + step.name());
        };
    }

    /** Opens each execution (the study, the data); a failure to open fails the job. */
    @Override
    public void beforeJob(String jobId, long executionId) throws Exception {
        try {
            runner.begin(jobId, executionId);
        } catch (Exception | Error failure) {
            frame.fail(jobId, failure);
            throw failure;
        }
    }

    /** Records how the execution ended when no step did. */
    @Override
    public void afterJob(String jobId) {
        runner.end(jobId);
    }
}

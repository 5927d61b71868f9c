package io.runvault.tuning;

import io.runvault.jobs.LiveJobs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The last step of a tuning job: study run, final model, registration (see {@link TuneFinisher}). */
@Named("tuneFinishBatchlet")
@Dependent
public class TuneFinishBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    TuneFinisher finisher;

    @Inject
    LiveJobs live;

    @Override
    public String process() throws Exception {
        return finisher.finish(jobId);
    }

    @Override
    public void stop() {
        live.requestStop(jobId);
    }
}

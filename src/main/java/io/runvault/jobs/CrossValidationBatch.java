package io.runvault.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * The batch artifacts of META-INF/batch-jobs/cross-validate.xml; the work is in {@link CrossValidationRunner}.
 * Kept together because each is a few lines of wiring.
 */
public final class CrossValidationBatch {

    private CrossValidationBatch() {
    }

    /** Step {@code prepare}: marks the job running and records its folds (runs on every restart too). */
    @Named("crossValidationPrepare")
    @Dependent
    public static class Prepare extends AbstractBatchlet {

        @Inject
        JobContext jobContext;

        @Inject
        @BatchProperty(name = "jobId")
        String jobId;

        @Inject
        CrossValidationRunner runner;

        @Override
        public String process() {
            runner.prepare(jobId, jobContext.getExecutionId());
            return "COMPLETED";
        }
    }

    /**
     * One partition per fold (property {@code fold}, 1-based), {@code concurrency} of them at once.
     * Every execution plans all k folds; a fold the table records as completed returns at once, so
     * a restart, by the batch runtime or as a new execution, trains only the rest.
     */
    @Named("crossValidationMapper")
    @Dependent
    public static class Mapper implements PartitionMapper {

        @Inject
        @BatchProperty(name = "jobId")
        String jobId;

        @Inject
        JobService jobs;

        @Override
        public PartitionPlan mapPartitions() {
            CrossValidationSpec spec = CrossValidationSpec.parse(jobs.get(jobId).spec(), name -> Integer.MAX_VALUE);
            PartitionPlanImpl plan = new PartitionPlanImpl();
            plan.setPartitions(spec.folds());
            plan.setThreads(spec.concurrency());
            plan.setPartitionsOverride(true);
            Properties[] properties = new Properties[spec.folds()];
            for (int i = 0; i < properties.length; i++) {
                properties[i] = new Properties();
                properties[i].setProperty("fold", String.valueOf(i + 1));
            }
            plan.setPartitionProperties(properties);
            return plan;
        }
    }

    /** Step {@code folds}, one instance per partition: trains a fold and commits its child run. */
    @Named("crossValidationFold")
    @Dependent
    public static class Fold extends AbstractBatchlet {

        @Inject
        @BatchProperty(name = "jobId")
        String jobId;

        @Inject
        @BatchProperty(name = "fold")
        String fold;

        @Inject
        CrossValidationRunner runner;

        @Inject
        LiveJobs live;

        @Override
        public String process() throws Exception {
            return runner.fold(jobId, Integer.parseInt(fold));
        }

        @Override
        public void stop() {
            live.requestStop(jobId);
        }
    }

    /** Step {@code summary}: commits the parent run. */
    @Named("crossValidationSummary")
    @Dependent
    public static class Summary extends AbstractBatchlet {

        @Inject
        @BatchProperty(name = "jobId")
        String jobId;

        @Inject
        CrossValidationRunner runner;

        @Override
        public String process() throws Exception {
            runner.summarize(jobId);
            return "COMPLETED";
        }
    }

    /** Settles the job's state however the batch job ended (a stopped or failed fold skips the summary). */
    @Named("crossValidationEnd")
    @Dependent
    public static class End extends AbstractJobListener {

        @Inject
        @BatchProperty(name = "jobId")
        String jobId;

        @Inject
        CrossValidationRunner runner;

        @Override
        public void afterJob() {
            runner.ended(jobId);
        }
    }
}

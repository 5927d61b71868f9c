package io.runvault.jobs.crossval;

import io.runvault.jobs.JobService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * The partitions of step {@code folds} in META-INF/batch-jobs/cross-validate.xml: one per fold
 * (property {@code fold}, 1-based), {@code concurrency} of them at once. Every execution plans all
 * k folds; a fold the table records as completed returns at once, so a restart, by the batch
 * runtime or as a new execution, trains only the rest.
 */
@Named("crossValidationMapper")
@Dependent
public class CrossValidationMapper implements PartitionMapper {

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    JobService jobs;

    @Override
    public PartitionPlan mapPartitions() {
        CrossValidationSpec spec = CrossValidationSpec.read(jobs.get(jobId).spec());
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

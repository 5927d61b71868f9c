package io.runvault.jobs.tune;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * One partition (thread) per concurrent trial. Partitions are interchangeable loops over the stored
 * study, so a restart gets a fresh plan instead of resuming particular partitions.
 */
@Named("tunePartitionMapper")
@Dependent
public class TunePartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    TuneJobRunner runner;

    @Override
    public PartitionPlan mapPartitions() {
        int concurrency = runner.execution(jobId).spec().concurrency();
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(concurrency);
        plan.setThreads(concurrency);
        plan.setPartitionsOverride(true);
        Properties[] properties = new Properties[concurrency];
        for (int i = 0; i < concurrency; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("partition", String.valueOf(i));
        }
        plan.setPartitionProperties(properties);
        return plan;
    }
}

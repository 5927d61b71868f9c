package io.runvault.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A submitted job: its spec, its progress and its outcome. State changes go through the methods here. */
@Entity
@Table(name = "job")
public class JobEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "experiment", nullable = false)
    private String experiment;

    @Column(name = "spec", nullable = false)
    private String spec;

    @Column(name = "submitted_by", nullable = false)
    private String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private JobState state;

    @Column(name = "execution_id")
    private Long executionId;

    @Column(name = "epoch", nullable = false)
    private int epoch;

    @Column(name = "total_epochs", nullable = false)
    private int totalEpochs;

    @Column(name = "step", nullable = false)
    private int step;

    @Column(name = "steps_per_epoch", nullable = false)
    private int stepsPerEpoch;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "latest_metrics")
    private String latestMetrics;

    @Column(name = "checkpoint_digest")
    private String checkpointDigest;

    @Column(name = "checkpoint_epoch", nullable = false)
    private int checkpointEpoch;

    @Column(name = "run_id")
    private String runId;

    @Column(name = "failure")
    private String failure;

    protected JobEntity() {
        // for JPA
    }

    JobEntity(String id, String kind, String experiment, String spec, int totalEpochs, String submittedBy, Instant now) {
        this.id = id;
        this.kind = kind;
        this.experiment = experiment;
        this.spec = spec;
        this.totalEpochs = totalEpochs;
        this.submittedBy = submittedBy;
        this.submittedAt = now;
        this.updatedAt = now;
        this.state = JobState.QUEUED;
    }

    void started(long execution, Instant now) {
        executionId = execution;
        state = JobState.RUNNING;
        if (startedAt == null) {
            startedAt = now;
        }
        finishedAt = null;
        failure = null;
        updatedAt = now;
    }

    void progress(int epoch, int step, int stepsPerEpoch, String metrics, Instant now) {
        this.epoch = epoch;
        this.step = step;
        this.stepsPerEpoch = stepsPerEpoch;
        if (metrics != null) {
            this.latestMetrics = metrics;
        }
        this.updatedAt = now;
    }

    void checkpointed(String digest, int epoch, Instant now) {
        this.checkpointDigest = digest;
        this.checkpointEpoch = epoch;
        this.updatedAt = now;
    }

    void queued(Instant now) {
        state = JobState.QUEUED;
        failure = null;
        finishedAt = null;
        updatedAt = now;
    }

    void finished(JobState outcome, String runId, String failure, Instant now) {
        this.state = outcome;
        if (runId != null) {
            this.runId = runId;
        }
        this.failure = failure;
        this.finishedAt = now;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String experiment() {
        return experiment;
    }

    public String spec() {
        return spec;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public JobState state() {
        return state;
    }

    public Long executionId() {
        return executionId;
    }

    public int epoch() {
        return epoch;
    }

    public int totalEpochs() {
        return totalEpochs;
    }

    public int step() {
        return step;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String latestMetrics() {
        return latestMetrics;
    }

    public String checkpointDigest() {
        return checkpointDigest;
    }

    public int checkpointEpoch() {
        return checkpointEpoch;
    }

    public String runId() {
        return runId;
    }

    public String failure() {
        return failure;
    }
}

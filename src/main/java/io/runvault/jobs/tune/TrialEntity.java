package io.runvault.jobs.tune;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One trial of a study as stored: parameters, intermediate values and system attributes as JSON
 * (their types are restored through the search space when read back into a {@code Trial}).
 */
@Entity
@Table(name = "study_trial")
public class TrialEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "job_id", nullable = false)
    private String jobId;

    @Column(name = "trial_number", nullable = false)
    private int number;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "params", nullable = false)
    private String params;

    @Column(name = "trial_value")
    private Double value;

    @Column(name = "intermediate_values", nullable = false)
    private String intermediateValues;

    @Column(name = "system_attributes", nullable = false)
    private String systemAttributes;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "failure")
    private String failure;

    @Column(name = "run_id")
    private String runId;

    protected TrialEntity() {
        // for JPA
    }

    TrialEntity(String jobId, int number, String params, Instant start) {
        this.id = jobId + ":" + number;
        this.jobId = jobId;
        this.number = number;
        this.state = "RUNNING";
        this.params = params;
        this.intermediateValues = "{}";
        this.systemAttributes = "{}";
        this.startedAt = start;
    }

    void update(String state, Double value, String intermediateValues, String systemAttributes, Instant finishedAt,
                String failure) {
        this.state = state;
        this.value = value;
        this.intermediateValues = intermediateValues;
        this.systemAttributes = systemAttributes;
        this.finishedAt = finishedAt;
        this.failure = failure;
    }

    public String jobId() {
        return jobId;
    }

    public int number() {
        return number;
    }

    public String state() {
        return state;
    }

    public String params() {
        return params;
    }

    public Double value() {
        return value;
    }

    public String intermediateValues() {
        return intermediateValues;
    }

    public String systemAttributes() {
        return systemAttributes;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String failure() {
        return failure;
    }

    public String runId() {
        return runId;
    }
}

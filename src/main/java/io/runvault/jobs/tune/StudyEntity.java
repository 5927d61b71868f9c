package io.runvault.jobs.tune;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tuning job's study: its settings, where it is, and the runs it committed. */
@Entity
@Table(name = "study")
public class StudyEntity {

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "metric", nullable = false)
    private String metric;

    @Column(name = "direction", nullable = false)
    private String direction;

    @Column(name = "sampler", nullable = false)
    private String sampler;

    @Column(name = "pruner", nullable = false)
    private String pruner;

    @Column(name = "seed", nullable = false)
    private long seed;

    @Column(name = "planned", nullable = false)
    private int planned;

    @Column(name = "concurrency", nullable = false)
    private int concurrency;

    @Column(name = "search_space", nullable = false)
    private String searchSpace;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "best_trial")
    private Integer bestTrial;

    @Column(name = "study_run_id")
    private String studyRunId;

    @Column(name = "final_run_id")
    private String finalRunId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StudyEntity() {
        // for JPA
    }

    StudyEntity(String jobId, TuneJobSpec spec, Instant now) {
        this.jobId = jobId;
        this.name = spec.studyName();
        this.metric = spec.objective().metric();
        this.direction = spec.objective().direction().name().toLowerCase(java.util.Locale.ROOT);
        this.sampler = spec.sampler();
        this.pruner = spec.pruner();
        this.seed = spec.seed();
        this.planned = spec.trials();
        this.concurrency = spec.concurrency();
        this.searchSpace = spec.searchSpaceJson();
        this.state = "running";
        this.createdAt = now;
        this.updatedAt = now;
    }

    void state(String state, Instant now) {
        this.state = state;
        this.updatedAt = now;
    }

    void outcome(int bestTrial, String studyRunId, String finalRunId, Instant now) {
        this.bestTrial = bestTrial;
        this.studyRunId = studyRunId;
        this.finalRunId = finalRunId;
        state("completed", now);
    }

    public String jobId() {
        return jobId;
    }

    public String name() {
        return name;
    }

    public String metric() {
        return metric;
    }

    public String direction() {
        return direction;
    }

    public String sampler() {
        return sampler;
    }

    public String pruner() {
        return pruner;
    }

    public long seed() {
        return seed;
    }

    public int planned() {
        return planned;
    }

    public int concurrency() {
        return concurrency;
    }

    public String searchSpace() {
        return searchSpace;
    }

    public String state() {
        return state;
    }

    public Integer bestTrial() {
        return bestTrial;
    }

    public String studyRunId() {
        return studyRunId;
    }

    public String finalRunId() {
        return finalRunId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

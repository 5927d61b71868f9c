package io.runvault.jobs.crossval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** One fold of a cross-validation job (table cv_fold): its state, its child run, or why it failed. */
@Entity
@Table(name = "cv_fold")
@IdClass(CrossValidationFoldEntity.Key.class)
public class CrossValidationFoldEntity {

    /** pending (not trained yet, or stopped), running, completed, failed. */
    public enum State {
        PENDING, RUNNING, COMPLETED, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(name = "job_id")
    private String jobId;

    @Id
    @Column(name = "fold")
    private int fold;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "run_id")
    private String runId;

    @Column(name = "failure")
    private String failure;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CrossValidationFoldEntity() {
        // for JPA
    }

    CrossValidationFoldEntity(String jobId, int fold, Instant now) {
        this.jobId = jobId;
        this.fold = fold;
        this.state = State.PENDING.wire();
        this.updatedAt = now;
    }

    void to(State next, String runId, String failure, Instant now) {
        this.state = next.wire();
        this.runId = runId;
        this.failure = failure;
        this.updatedAt = now;
    }

    public String jobId() {
        return jobId;
    }

    public int fold() {
        return fold;
    }

    public State state() {
        return State.valueOf(state.toUpperCase(Locale.ROOT));
    }

    public String runId() {
        return runId;
    }

    public String failure() {
        return failure;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The composite key (job, fold). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String jobId;
        public int fold;

        public Key() {
        }

        Key(String jobId, int fold) {
            this.jobId = jobId;
            this.fold = fold;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fold == fold && Objects.equals(k.jobId, jobId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, fold);
        }
    }
}

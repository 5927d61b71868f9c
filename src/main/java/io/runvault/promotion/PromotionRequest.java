package io.runvault.promotion;

import io.runvault.models.Stage;
import io.runvault.problem.ConflictException;
import io.runvault.problem.ForbiddenException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A request to move a version to a stage, with the gates' evidence. Holds the four-eyes rule: a
 * production request is approved only by someone who neither asked for it nor made the run.
 */
@Entity
@Table(name = "promotion_request")
public class PromotionRequest {

    /** applied (validated at once), refused (a gate failed), pending (awaits approval), approved, rejected. */
    public enum Status {
        APPLIED, REFUSED, PENDING, APPROVED, REJECTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "model_name", nullable = false)
    private String modelName;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "target_stage", nullable = false)
    private String targetStage;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "evidence", nullable = false)
    private String evidence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason")
    private String decisionReason;

    protected PromotionRequest() {
        // for JPA
    }

    PromotionRequest(String id, String modelName, int version, String targetStage, String requestedBy, String reason,
                     Status status, String evidence, Instant createdAt) {
        this.id = id;
        this.modelName = modelName;
        this.version = version;
        this.targetStage = targetStage;
        this.requestedBy = requestedBy;
        this.reason = reason;
        this.status = status.wire();
        this.evidence = evidence;
        this.createdAt = createdAt;
    }

    /**
     * What the gates' evidence makes of a request: refused when any gate failed; otherwise applied at
     * once for {@code validated}, and pending an approver's decision for {@code production}.
     */
    static Status outcome(Stage target, List<GateResult> evidence) {
        if (!evidence.stream().allMatch(GateResult::passed)) {
            return Status.REFUSED;
        }
        return target == Stage.VALIDATED ? Status.APPLIED : Status.PENDING;
    }

    /** Why {@code approver} may not approve, or null when they may. */
    String fourEyesObjection(String approver, String runCreator) {
        if (approver.equals(requestedBy)) {
            return "You requested this promotion; another approver must decide it";
        }
        if (approver.equals(runCreator)) {
            return "You committed the run behind this version; another approver must decide it";
        }
        return null;
    }

    void approve(String approver, String runCreator, Instant now) {
        requirePending();
        String objection = fourEyesObjection(approver, runCreator);
        if (objection != null) {
            throw new ForbiddenException("four-eyes", objection);
        }
        decide(Status.APPROVED, approver, "approved", now);
    }

    void reject(String actor, String why, Instant now) {
        requirePending();
        decide(Status.REJECTED, actor, why, now);
    }

    private void requirePending() {
        if (!status.equals(Status.PENDING.wire())) {
            throw new ConflictException("not-pending", "Request " + id + " is " + status + ", not pending");
        }
    }

    private void decide(Status outcome, String actor, String why, Instant now) {
        this.status = outcome.wire();
        this.decidedBy = actor;
        this.decidedAt = now;
        this.decisionReason = why;
    }

    public String id() {
        return id;
    }

    public String modelName() {
        return modelName;
    }

    public int version() {
        return version;
    }

    public String targetStage() {
        return targetStage;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public String reason() {
        return reason;
    }

    public String status() {
        return status;
    }

    public String evidence() {
        return evidence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decisionReason() {
        return decisionReason;
    }
}

package io.runvault.models;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of a version's stage history; rows are only ever added. */
@Entity
@Table(name = "stage_transition")
public class StageTransition {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "model_name", nullable = false)
    private String modelName;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "from_stage")
    private String fromStage;

    @Column(name = "to_stage", nullable = false)
    private String toStage;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "request_id")
    private String requestId;

    protected StageTransition() {
        // for JPA
    }

    StageTransition(String id, ModelVersion version, Stage from, Stage to, String actor, Instant at, String reason,
                    String requestId) {
        this.id = id;
        this.modelName = version.modelName();
        this.version = version.version();
        this.fromStage = from == null ? null : from.wire();
        this.toStage = to.wire();
        this.actor = actor;
        this.occurredAt = at;
        this.reason = reason;
        this.requestId = requestId;
    }

    TransitionView view() {
        return new TransitionView(fromStage, toStage, actor, occurredAt, reason, requestId);
    }
}

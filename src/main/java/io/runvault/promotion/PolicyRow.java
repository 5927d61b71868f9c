package io.runvault.promotion;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The gates one model requires for one target stage, as JSON. */
@Entity
@Table(name = "promotion_policy")
@IdClass(PolicyRow.Key.class)
public class PolicyRow {

    /** (model, target stage). */
    public static class Key implements Serializable {
        private String modelName;
        private String targetStage;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.modelName.equals(modelName) && key.targetStage.equals(targetStage);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, targetStage);
        }
    }

    @Id
    @Column(name = "model_name")
    private String modelName;

    @Id
    @Column(name = "target_stage")
    private String targetStage;

    @Column(name = "gates", nullable = false)
    private String gates;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PolicyRow() {
        // for JPA
    }

    PolicyRow(String modelName, String targetStage, String gates, String updatedBy, Instant updatedAt) {
        this.modelName = modelName;
        this.targetStage = targetStage;
        this.gates = gates;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    void replace(String newGates, String by, Instant at) {
        this.gates = newGates;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    String targetStage() {
        return targetStage;
    }

    String gates() {
        return gates;
    }
}

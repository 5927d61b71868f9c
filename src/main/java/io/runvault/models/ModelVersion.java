package io.runvault.models;

import io.runvault.problem.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of a registered model: a run and the file in it that is the model, and its stage. */
@Entity
@Table(name = "model_version")
@IdClass(ModelVersion.Key.class)
public class ModelVersion {

    /** The composite identity (model name, version number). */
    public static class Key implements Serializable {
        private String modelName;
        private int version;

        public Key() {
        }

        public Key(String modelName, int version) {
            this.modelName = modelName;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && key.modelName.equals(modelName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, version);
        }
    }

    @Id
    @Column(name = "model_name")
    private String modelName;

    @Id
    @Column(name = "version")
    private int version;

    @Column(name = "run_id", nullable = false)
    private String runId;

    @Column(name = "file_path", nullable = false)
    private String filePath;

    @Column(name = "stage", nullable = false)
    private String stage;

    @Column(name = "production_slot")
    private String productionSlot;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModelVersion() {
        // for JPA
    }

    ModelVersion(String modelName, int version, String runId, String filePath, String createdBy, Instant createdAt) {
        this.modelName = modelName;
        this.version = version;
        this.runId = runId;
        this.filePath = filePath;
        this.stage = Stage.RAW.wire();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** Moves to {@code target} if the lifecycle allows it; production takes the model's one slot. */
    void moveTo(Stage target) {
        if (!stage().canMoveTo(target)) {
            throw new ConflictException("illegal-transition",
                    "Version " + version + " of " + modelName + " cannot go from " + stage + " to " + target.wire());
        }
        this.stage = target.wire();
        this.productionSlot = target == Stage.PRODUCTION ? modelName : null;
    }

    public String modelName() {
        return modelName;
    }

    public int version() {
        return version;
    }

    public String runId() {
        return runId;
    }

    public String filePath() {
        return filePath;
    }

    public Stage stage() {
        return Stage.parse(stage);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

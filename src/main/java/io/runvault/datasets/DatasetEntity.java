package io.runvault.datasets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered dataset: a unique name for a manifest (and so for a digest). Written once. */
@Entity
@Table(name = "dataset")
public class DatasetEntity {

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "digest", nullable = false)
    private String digest;

    @Column(name = "format", nullable = false)
    private String format;

    @Column(name = "manifest", nullable = false)
    private String manifest;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DatasetEntity() {
        // for JPA
    }

    DatasetEntity(String name, DatasetManifest manifest, String createdBy, Instant createdAt) {
        this.name = name;
        this.digest = manifest.digest().toString();
        this.format = manifest.format().wire();
        this.manifest = manifest.toJson();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String name() {
        return name;
    }

    public String digest() {
        return digest;
    }

    public DatasetManifest manifest() {
        return DatasetManifest.parse(manifest);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}

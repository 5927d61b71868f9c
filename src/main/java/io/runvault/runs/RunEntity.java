package io.runvault.runs;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The searchable index of a committed run. The run's content is its manifest blob; these rows only
 * make filtering and sorting fast, and are written once, with the run, never updated.
 */
@Entity
@Table(name = "run")
public class RunEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "experiment", nullable = false)
    private String experiment;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "committed_at", nullable = false)
    private Instant committedAt;

    @Column(name = "committed_by", nullable = false)
    private String committedBy;

    @Column(name = "manifest_size", nullable = false)
    private long manifestSize;

    @Column(name = "file_count", nullable = false)
    private int fileCount;

    @Column(name = "total_bytes", nullable = false)
    private long totalBytes;

    @ElementCollection
    @CollectionTable(name = "run_tag", joinColumns = @JoinColumn(name = "run_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tags = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "run_param", joinColumns = @JoinColumn(name = "run_id"))
    @MapKeyColumn(name = "param_key")
    @Column(name = "param_value")
    private Map<String, String> params = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "run_metric", joinColumns = @JoinColumn(name = "run_id"))
    @MapKeyColumn(name = "metric_key")
    @Column(name = "metric_value")
    private Map<String, Double> metrics = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "run_file", joinColumns = @JoinColumn(name = "run_id"))
    private List<RunFileRow> files = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "run_parent", joinColumns = @JoinColumn(name = "run_id"))
    @OrderColumn(name = "position")
    @Column(name = "parent_id")
    private List<String> parents = new ArrayList<>();

    protected RunEntity() {
        // for JPA
    }

    RunEntity(String id, String name, RunManifest manifest, int manifestSize, Instant committedAt, String committedBy) {
        this.id = id;
        this.name = name;
        this.experiment = manifest.experiment();
        this.createdAt = manifest.createdAt();
        this.committedAt = committedAt;
        this.committedBy = committedBy;
        this.manifestSize = manifestSize;
        this.fileCount = manifest.files().size();
        this.totalBytes = manifest.totalBytes();
        this.tags.putAll(manifest.tags());
        manifest.params().forEach((key, value) -> params.put(key, ParamText.of(value)));
        this.metrics.putAll(manifest.metrics());
        manifest.files().forEach(file -> files.add(new RunFileRow(file)));
        this.parents.addAll(manifest.lineage().parents());
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String experiment() {
        return experiment;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant committedAt() {
        return committedAt;
    }

    public String committedBy() {
        return committedBy;
    }

    public int fileCount() {
        return fileCount;
    }

    public long totalBytes() {
        return totalBytes;
    }
}

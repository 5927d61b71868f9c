package io.runvault.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runvault.config.Settings;
import io.runvault.runs.FileEntry;
import io.runvault.runs.FileMediaTypes;
import io.runvault.runs.Lineage;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunPath;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.train.EnvironmentReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Commits the runs of the evaluation kinds (evaluate, robustness, compare): their reports are
 * written into a work folder, which gets the frozen spec, the environment and the job log, then
 * every file is stored as a blob and the manifest committed with the evaluated runs as parents.
 */
@ApplicationScoped
public class DerivedRuns {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    Settings settings;

    @Inject
    BlobStore blobs;

    @Inject
    RunService runs;

    @Inject
    JobLog log;

    @Inject
    EnvironmentReport environment;

    @Inject
    Clock clock;

    /** What a derived run records besides its files. */
    public record Content(String experiment, Map<String, Object> frozenSpec, Map<String, Object> params,
                          Map<String, Double> metrics, Map<String, String> tags, List<String> parents,
                          String datasetName, Digest datasetDigest) {
    }

    /** A fresh, empty work folder for the job's execution. */
    public Path workFolder(JobEntity job) throws IOException {
        Path dir = settings.dataDirectory().resolve("jobs").resolve(job.id()).resolve("run-" + job.executionId());
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    /** Adds the standard files to {@code dir}, stores everything and commits; returns the run id and removes the folder. */
    public String commit(JobEntity job, Path dir, Content content) throws IOException {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/config_snapshot.yaml"), YAML.writeValueAsString(content.frozenSpec()));
        Files.writeString(dir.resolve("reports/environment.txt"), environment.text());
        Files.createDirectories(dir.resolve("logs"));
        Files.copy(log.file(job.id()), dir.resolve("logs/run.log"));
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                BlobStore.PutResult stored = blobs.put(Files.readAllBytes(file));
                String path = dir.relativize(file).toString().replace('\\', '/');
                files.add(new FileEntry(path, stored.digest().toString(), stored.size(),
                        FileMediaTypes.forPath(RunPath.of(path))));
            }
        }
        String environmentDigest = files.stream().filter(f -> f.path().equals("reports/environment.txt"))
                .findFirst().orElseThrow().digest();
        Map<String, Double> metrics = new TreeMap<>(content.metrics());
        metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
        Map<String, Object> params = new TreeMap<>();
        content.params().forEach((k, v) -> params.put(k, v instanceof Number n ? (Object) n.doubleValue()
                : v instanceof Boolean ? v : String.valueOf(v)));
        TreeMap<String, String> tags = new TreeMap<>(content.tags());
        tags.put("job", job.id());
        RunManifest manifest = new RunManifest(content.experiment(), clock.instant(), new TreeMap<>(params),
                new TreeMap<>(metrics), new TreeMap<>(), tags,
                new Lineage(content.parents(), content.datasetDigest() == null ? null : content.datasetDigest().toString(),
                        content.datasetName(), environment.codeVersion(), environmentDigest),
                files);
        String runId = runs.commit(manifest, job.submittedBy()).run().id();
        deleteTree(dir);
        return runId;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.runvault.mlflow;

import io.runvault.runs.FileEntry;
import io.runvault.runs.FileMediaTypes;
import io.runvault.runs.PortablePaths;
import io.runvault.runs.RunPath;
import io.runvault.store.BlobReferences;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The artifacts of MLflow runs. They are addressed as MLflow's artifact proxy addresses them,
 * {@code <experiment id>/<run id>/artifacts/<path>}; each is a blob in the store, recorded for its
 * run while the run is open and committed with it as {@code artifacts/<path>}.
 */
@ApplicationScoped
public class ArtifactService implements BlobReferences {

    /** The folder of a committed run that holds its MLflow artifacts. */
    static final String FOLDER = "artifacts/";

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    TrackingService tracking;

    @Inject
    TrackedRuns runs;

    /** An artifact's address: its run and its path under the run's artifact root (empty for the root). */
    record Address(TrackedRun run, String path) {
    }

    /** One entry of a listing: a file with its size, or a folder. */
    record Listed(String path, boolean isDir, long size) {
    }

    /** Reads {@code <experiment id>/<run id>/artifacts[/<path>]}; the run must exist in that experiment. */
    Address address(String raw) {
        String[] parts = raw == null ? new String[0] : raw.split("/", 4);
        if (parts.length < 3 || !parts[2].equals("artifacts")) {
            throw MlflowException.invalid("An artifact path is <experiment id>/<run id>/artifacts/<path>, got '" + raw + "'");
        }
        TrackedRun run = runs.get(parts[1]);
        if (!String.valueOf(run.experimentId()).equals(parts[0])) {
            throw MlflowException.missing("Run " + parts[1] + " is not in experiment " + parts[0]);
        }
        String path = parts.length == 4 ? parts[3].replaceAll("/+$", "") : "";
        if (!path.isEmpty()) {
            RunPath.of(FOLDER + path); // the rules of run paths: no traversal, portable names
        }
        return new Address(run, path);
    }

    /** Records a stored blob as the artifact at {@code address}, replacing one there while the run is open. */
    @Transactional
    public void record(Address address, Digest digest, long size) {
        if (address.path().isEmpty()) {
            throw MlflowException.invalid("An artifact needs a file path under the run's artifact root");
        }
        tracking.open(address.run().runId());
        em.createNativeQuery("DELETE FROM mlflow_artifact WHERE run_uuid = ? AND path = ?")
                .setParameter(1, address.run().runId()).setParameter(2, address.path()).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_artifact (run_uuid, path, digest, size_bytes) VALUES (?, ?, ?, ?)")
                .setParameter(1, address.run().runId()).setParameter(2, address.path())
                .setParameter(3, digest.toString()).setParameter(4, size).executeUpdate();
        // Refused now rather than at the commit: names that clash where case or Unicode form does not count.
        PortablePaths.check(files(address.run().runId()));
    }

    Optional<FileEntry> file(String runId, String path) {
        List<?> rows = em.createNativeQuery("SELECT digest, size_bytes FROM mlflow_artifact WHERE run_uuid = ? AND path = ?")
                .setParameter(1, runId).setParameter(2, path).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(entry(path, ((String) row[0]).trim(), ((Number) row[1]).longValue()));
    }

    /** Every artifact of a run, as the committed run's files under {@code artifacts/}. */
    List<FileEntry> files(String runId) {
        List<FileEntry> files = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT path, digest, size_bytes FROM mlflow_artifact WHERE run_uuid = ? "
                + "ORDER BY path").setParameter(1, runId).getResultList()) {
            Object[] cells = (Object[]) row;
            files.add(entry((String) cells[0], ((String) cells[1]).trim(), ((Number) cells[2]).longValue()));
        }
        return files;
    }

    /** The files and folders directly inside {@code folder} (relative to the artifact root; empty for the root). */
    List<Listed> list(String runId, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        TreeMap<String, Listed> entries = new TreeMap<>();
        for (FileEntry file : files(runId)) {
            String path = file.path().substring(FOLDER.length());
            if (!path.startsWith(prefix)) {
                continue;
            }
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entries.put(rest, new Listed(rest, false, file.size()));
            } else {
                entries.putIfAbsent(rest.substring(0, slash), new Listed(rest.substring(0, slash), true, 0));
            }
        }
        return List.copyOf(entries.values());
    }

    @Override
    public Set<Digest> referencedDigests() {
        Set<Digest> digests = new HashSet<>();
        for (Object digest : em.createNativeQuery("SELECT DISTINCT digest FROM mlflow_artifact").getResultList()) {
            digests.add(Digest.parse(((String) digest).trim()));
        }
        return digests;
    }

    private static FileEntry entry(String path, String digest, long size) {
        RunPath runPath = RunPath.of(FOLDER + path);
        return new FileEntry(runPath.value(), digest, size, FileMediaTypes.forPath(runPath));
    }
}

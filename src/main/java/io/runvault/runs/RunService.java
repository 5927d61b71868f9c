package io.runvault.runs;

import io.runvault.audit.AuditedChanges;
import io.runvault.problem.NotFoundException;
import io.runvault.problem.UnprocessableException;
import io.runvault.store.BlobReferences;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The run registry: commit a manifest (idempotently: the id is the hash of its canonical bytes),
 * read runs, their files and archives, search them. There is no update and no delete.
 */
@ApplicationScoped
public class RunService implements BlobReferences, AuditedChanges {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    BlobStore blobs;

    @Inject
    RunWriter writer;

    @Inject
    Clock clock;

    /** Whether the database is PostgreSQL; read from the connection at the first search. */
    private volatile Boolean postgres;

    /** The outcome of a commit: the run, and whether this call created it. */
    public record Commit(RunSummary run, boolean created) {
    }

    public Commit commit(RunManifest manifest, String user) {
        // Before anything is stored: a run must unpack as an archive on any system.
        PortablePaths.check(manifest.files());
        byte[] canonical = manifest.canonicalBytes();
        Digest id = Digest.compute(canonical);
        Optional<RunEntity> existing = find(id.toString());
        if (existing.isPresent()) {
            return new Commit(summary(existing.get(), manifest), false);
        }
        checkReferences(manifest);
        blobs.put(canonical);
        RunEntity entity = new RunEntity(id.toString(), RunName.of(manifest, id.hex()), manifest, canonical.length,
                clock.instant(), user);
        try {
            writer.insert(entity);
        } catch (RuntimeException raced) {
            // Nothing of this attempt was committed, its event included.
            // A concurrent commit of the same manifest won the insert: same id, same content.
            return find(id.toString()).map(run -> new Commit(summary(run, manifest), false)).orElseThrow(() -> raced);
        }
        // Only the commit that created the run is a change (its event was committed with it); repeats
        // return what is there.
        return new Commit(summary(entity, manifest), true);
    }

    /** Every file's blob must be stored with the stated size, and every parent committed. */
    private void checkReferences(RunManifest manifest) {
        List<String> missing = new ArrayList<>();
        List<String> wrongSize = new ArrayList<>();
        for (FileEntry file : manifest.files()) {
            OptionalLong size = blobs.retain(file.blob());
            if (size.isEmpty()) {
                missing.add(file.digest());
            } else if (size.getAsLong() != file.size()) {
                wrongSize.add(file.path() + ": manifest says " + file.size() + ", blob has " + size.getAsLong());
            }
        }
        List<String> missingParents = manifest.lineage().parents().stream().filter(p -> find(p).isEmpty()).toList();
        if (!missing.isEmpty() || !wrongSize.isEmpty() || !missingParents.isEmpty()) {
            List<String> distinctMissing = missing.stream().distinct().sorted().toList();
            throw new UnprocessableException("unresolved-references",
                    distinctMissing.size() + " blob(s) missing, " + wrongSize.size() + " size mismatch(es), "
                            + missingParents.size() + " unknown parent run(s); upload the blobs, then commit again",
                    Map.of("missingDigests", distinctMissing, "sizeMismatches", wrongSize,
                            "missingParents", missingParents));
        }
    }

    public Optional<RunEntity> find(String id) {
        return Optional.ofNullable(em.find(RunEntity.class, id));
    }

    public RunEntity get(String id) {
        Digest.parse(id);
        return find(id).orElseThrow(() -> new NotFoundException("run-not-found", "No run " + id));
    }

    /** Exactly the committed canonical bytes. */
    public byte[] manifestBytes(RunEntity run) {
        try {
            return blobs.readAllBytes(Digest.parse(run.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("The manifest blob of " + run.id() + " is unreadable", e);
        }
    }

    public RunManifest manifest(RunEntity run) {
        return ManifestReader.stored(manifestBytes(run));
    }

    public RunView view(String id) {
        RunEntity run = get(id);
        return RunView.of(run, manifest(run));
    }

    public FileEntry file(RunEntity run, RunPath path) {
        List<?> rows = em.createNativeQuery(
                        "SELECT digest, size_bytes, media_type FROM run_file WHERE run_id = ? AND path = ?")
                .setParameter(1, run.id())
                .setParameter(2, path.value())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("file-not-found", "Run " + run.id() + " has no file '" + path + "'");
        }
        Object[] row = (Object[]) rows.get(0);
        return new FileEntry(path.value(), ((String) row[0]).trim(), ((Number) row[1]).longValue(), (String) row[2]);
    }

    /** In a transaction, so that RunSearch's PostgreSQL planner setting lasts for its query alone. */
    @Transactional
    public RunPage search(RunQuery query) {
        if (postgres == null) {
            try {
                postgres = "PostgreSQL".equals(em.unwrap(Connection.class).getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
        }
        return new RunSearch(em, postgres).execute(query);
    }

    @Override
    public Set<Digest> referencedDigests() {
        Set<Digest> digests = new HashSet<>();
        for (Object digest : em.createNativeQuery("SELECT DISTINCT digest FROM run_file").getResultList()) {
            digests.add(Digest.parse(((String) digest).trim()));
        }
        for (Object id : em.createNativeQuery("SELECT id FROM run").getResultList()) {
            digests.add(Digest.parse(((String) id).trim()));
        }
        return digests;
    }

    @Override
    public String action() {
        return "run.commit";
    }

    /** Run ids, the target of their {@code run.commit} events. */
    @Override
    public List<String> targets(int first, int max) {
        return em.createQuery("SELECT r.id FROM RunEntity r ORDER BY r.id", String.class)
                .setFirstResult(first).setMaxResults(max).getResultList().stream().map(String::trim).toList();
    }

    private static RunSummary summary(RunEntity run, RunManifest manifest) {
        return new RunSummary(run.id(), run.name(), run.experiment(), run.createdAt(), run.committedAt(),
                run.committedBy(), run.fileCount(), run.totalBytes(), manifest.tags(), manifest.metrics());
    }
}

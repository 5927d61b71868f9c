package io.runvault.ops;

import io.runvault.audit.AuditLog;
import io.runvault.audit.AuditVerification;
import io.runvault.config.Settings;
import io.runvault.store.BlobReferences;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Stages the consistent part of an online backup while the appliance serves. The database goes
 * first; the blobs it refers to are listed after it: runs and datasets are never removed and blobs
 * never change, so every blob the dump refers to is still stored and listed. A job's checkpoint is
 * the one reference that moves on, so the list is the union of the references read before and
 * after the dump. The audit chain is verified after the dump: the dump holds a prefix of the
 * verified chain, so a restore that finds the database file unchanged restores an intact chain.
 */
@ApplicationScoped
public class BackupService {

    public static final String ACTION = "appliance.backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    @Inject
    Settings settings;

    @Inject
    BlobStore store;

    @Inject
    Instance<BlobReferences> references;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public synchronized BackupSnapshot snapshot(String actor) throws IOException, SQLException {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = "snapshot-" + STAMP.format(createdAt);
        String directory = "backups/" + name;
        Path staging = settings.dataDirectory().resolve(directory);
        if (Files.exists(staging)) {
            throw new io.runvault.problem.ConflictException("backup-running",
                    "A backup named " + name + " is being staged; try again in a second");
        }
        Files.createDirectories(staging);
        TreeSet<String> referenced = referenced();
        String kind;
        String databaseFile = null;
        long databaseBytes = 0;
        String schemaVersion;
        long auditSeq;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            String url = connection.getMetaData().getURL();
            auditSeq = single(sql, "SELECT last_seq FROM audit_head WHERE id = 1");
            if (url.startsWith("jdbc:h2:")) {
                kind = "h2";
                databaseFile = "database.zip";
                Path zip = staging.resolve(databaseFile);
                // H2's online backup: a consistent copy of the database file, taken while it serves.
                sql.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
                databaseBytes = Files.size(zip);
            } else {
                kind = "postgresql";
            }
            try (ResultSet row = sql.executeQuery("SELECT \"version\" FROM \"schema_history\" WHERE \"success\" = TRUE "
                    + "AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
                schemaVersion = row.next() ? row.getString(1) : "none";
            }
        }
        referenced.addAll(referenced());
        AuditVerification chain = audit.verify();
        List<String> missing = new ArrayList<>();
        long bytes = 0;
        long listed = 0;
        try (BufferedWriter out = Files.newBufferedWriter(staging.resolve("blobs.txt"), StandardCharsets.UTF_8)) {
            for (String digest : referenced) {
                OptionalLong size = store.size(Digest.parse(digest));
                if (size.isEmpty()) {
                    missing.add(digest);
                    continue;
                }
                out.write(digest + " " + size.getAsLong() + "\n");
                bytes += size.getAsLong();
                listed++;
            }
        }
        BackupSnapshot snapshot = new BackupSnapshot(name, directory, kind, databaseFile, databaseBytes, schemaVersion,
                applianceVersion(), createdAt, listed, bytes, missing, auditSeq, chain);
        audit.append(actor, ACTION, name, Map.of("database", kind, "schemaVersion", schemaVersion, "blobs", listed,
                "blobBytes", bytes, "databaseBytes", databaseBytes, "auditSeq", auditSeq, "auditIntact", chain.intact()));
        return snapshot;
    }

    private TreeSet<String> referenced() {
        TreeSet<String> digests = new TreeSet<>();
        BlobReferences.union(references).forEach(digest -> digests.add(digest.toString()));
        return digests;
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static String applianceVersion() {
        Properties build = new Properties();
        try (InputStream in = BackupService.class.getClassLoader().getResourceAsStream("META-INF/runvault/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build.getProperty("version", "unknown");
    }
}

package io.runvault.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the newest schema this build knows, or leaves it as it was and says why.
 * A schema newer than this build's (a newer Runvault ran on it) is refused before anything is
 * touched. On PostgreSQL the pending migrations run in one transaction, so a failure rolls all of
 * them back. H2 commits each DDL statement, so an H2 database with pending migrations is first
 * copied ({@code BACKUP TO}) to {@code pre-upgrade-<from>-to-<to>.zip} in the backups directory;
 * when a migration fails the database is closed and that copy put back.
 */
public final class SchemaUpgrade {

    private static final Logger LOG = Logger.getLogger(SchemaUpgrade.class.getName());

    /** What a start did to the schema; {@code from} is null for a new, empty database. */
    public record Outcome(String from, String to, int applied, Path backup) {
    }

    private final DataSource dataSource;
    private final String location;
    private final Path backups;
    private final String applianceVersion;

    /**
     * @param location         Flyway location of the migrations, e.g. {@code classpath:db/migration}
     * @param backups          where the H2 copy taken before migrating goes
     * @param applianceVersion named in messages, so the operator knows which build refused
     */
    public SchemaUpgrade(DataSource dataSource, String location, Path backups, String applianceVersion) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.location = Objects.requireNonNull(location);
        this.backups = Objects.requireNonNull(backups);
        this.applianceVersion = Objects.requireNonNull(applianceVersion);
    }

    public Outcome migrate() {
        boolean h2 = isH2();
        Flyway flyway = Flyway.configure(SchemaUpgrade.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .table("schema_history")
                .failOnMissingLocations(true)
                .group(!h2)
                .load();
        MigrationInfoService info = flyway.info();
        MigrationVersion known = Arrays.stream(info.all())
                .filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        MigrationInfo current = info.current();
        String from = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        if (current != null && current.getVersion() != null && current.getVersion().compareTo(known) > 0) {
            throw new UnusableSchemaException("database schema version " + from + " is newer than this Runvault ("
                    + applianceVersion + ", schema " + known.getVersion() + ") knows; install the Runvault version that "
                    + "last ran on this data directory or a newer one, or restore a backup taken with this version");
        }
        Path backup = null;
        if (h2 && from != null && info.pending().length > 0) {
            backup = backupH2(from, known.getVersion());
        }
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            throw failed(from, known.getVersion(), backup, e);
        }
        return new Outcome(from, result.targetSchemaVersion != null ? result.targetSchemaVersion : from,
                result.migrationsExecuted, backup);
    }

    private UnusableSchemaException failed(String from, String to, Path backup, FlywayException cause) {
        String upgrade = "upgrading the database schema from version " + (from == null ? "none" : from) + " to " + to
                + " failed (" + cause.getMessage().lines().findFirst().orElse("") + ")";
        if (backup == null) {
            return new UnusableSchemaException(upgrade + (isH2() ? "" : "; PostgreSQL rolled every pending migration back, "
                    + "the schema is as it was") + "; this Runvault (" + applianceVersion + ") cannot start on it: install "
                    + "the version that ran before", cause);
        }
        try {
            restoreH2(backup);
        } catch (IOException | SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            return new UnusableSchemaException(upgrade + " and the copy taken before it could not be put back (" + e
                    + "); stop Runvault, unzip " + backup + " into the database directory, replacing its files, and "
                    + "install the version that ran before", cause);
        }
        return new UnusableSchemaException(upgrade + "; the database was put back as it was, from " + backup
                + "; this Runvault (" + applianceVersion + ") cannot start on it: install the version that ran before", cause);
    }

    private boolean isH2() {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new UnusableSchemaException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private Path backupH2(String from, String to) {
        Path zip = backups.resolve("pre-upgrade-" + from + "-to-" + to + ".zip");
        try {
            Files.createDirectories(backups);
            Files.deleteIfExists(zip);
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
            }
        } catch (IOException | SQLException e) {
            throw new UnusableSchemaException("could not copy the database to " + zip + " before upgrading its schema from "
                    + from + " to " + to + "; nothing was changed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Database copied to " + zip + " before upgrading its schema from version " + from + " to " + to);
        return zip;
    }

    /** Closes the embedded database (every connection) and puts the files from the copy in its place. */
    private void restoreH2(Path zip) throws IOException, SQLException {
        Path directory;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            directory = databaseDirectory(connection.getMetaData().getURL());
            sql.execute("SHUTDOWN");
        }
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    continue;
                }
                Path part = directory.resolve(name + ".restoring");
                Files.copy(entries, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        LOG.warning(() -> "Database files put back from " + zip + " into " + directory);
    }

    /** jdbc:h2:[file:]/data/db/runvault;MODE=... -> /data/db */
    static Path databaseDirectory(String url) {
        String path = url.substring("jdbc:h2:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int options = path.indexOf(';');
        if (options >= 0) {
            path = path.substring(0, options);
        }
        return Path.of(path).toAbsolutePath().getParent();
    }
}

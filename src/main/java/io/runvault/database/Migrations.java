package io.runvault.database;

import io.runvault.config.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Applies the versioned migrations in {@code db/migration} (one set for H2 and PostgreSQL) at start.
 * The empty {@code flyway.location} files (there and in {@code db/callback}, which Flyway always
 * scans) are what let Flyway's class path scanner find those folders on Liberty.
 * <p>
 * When the schema cannot be used (newer than this build knows, or a migration failed and the
 * database was left as it was) the server process exits with {@link #EXIT_UNUSABLE_SCHEMA} and the
 * reason in its log: a server that stayed up without its application would look alive to the
 * service manager and to the operator, while serving nothing. The systemd unit does not restart
 * on this status, since a restart cannot fix it.
 */
@ApplicationScoped
public class Migrations {

    /** EX_CONFIG of sysexits.h: the installed version does not fit the data. */
    public static final int EXIT_UNUSABLE_SCHEMA = 78;

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    @Inject
    Settings settings;

    private final AtomicBoolean applied = new AtomicBoolean();

    public void migrate() {
        SchemaUpgrade.Outcome outcome;
        try {
            outcome = new SchemaUpgrade(dataSource, "classpath:db/migration",
                    settings.dataDirectory().resolve("backups"), applianceVersion()).migrate();
        } catch (UnusableSchemaException e) {
            LOG.log(Level.SEVERE, "Runvault cannot start: " + e.getMessage(), e.getCause());
            // From another thread: the shutdown waits for this start-up thread to give up.
            Thread exit = new Thread(() -> System.exit(EXIT_UNUSABLE_SCHEMA), "runvault-exit");
            exit.start();
            throw e;
        }
        LOG.info(() -> "Database schema at version " + outcome.to() + " (" + outcome.applied() + " migrations applied now"
                + (outcome.applied() > 0 && outcome.from() != null ? ", upgraded from version " + outcome.from() : "")
                + (outcome.backup() != null ? "; the database as it was is in " + outcome.backup() : "") + ")");
        applied.set(true);
    }

    public boolean applied() {
        return applied.get();
    }

    private static String applianceVersion() {
        Properties build = new Properties();
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream("META-INF/runvault/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build.getProperty("version", "unknown");
    }
}

package io.runvault.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations in {@code db/migration} (one set for H2 and PostgreSQL). The
 * empty {@code flyway.location} files (there and in {@code db/callback}, which Flyway always scans)
 * are what let Flyway's class path scanner find those folders on Liberty.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    private final AtomicBoolean applied = new AtomicBoolean();

    public void migrate() {
        MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        applied.set(true);
    }

    public boolean applied() {
        return applied.get();
    }
}

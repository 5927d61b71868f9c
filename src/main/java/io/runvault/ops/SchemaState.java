package io.runvault.ops;

import io.runvault.database.Migrations;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * The database schema against the migrations this version carries (the same set and history table
 * the start-up applies): the version applied last, what is still to apply, applied migrations this
 * version does not know (a newer appliance's) and failed ones.
 */
public record SchemaState(String current, int pending, int unknown, int failed) {

    public static SchemaState read(DataSource dataSource) {
        MigrationInfoService info = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("schema_history")
                .failOnMissingLocations(true)
                .load()
                .info();
        MigrationInfo latest = info.current();
        int unknown = 0;
        int failed = 0;
        for (MigrationInfo applied : info.applied()) {
            if (applied.getState() == MigrationState.FUTURE_SUCCESS || applied.getState() == MigrationState.FUTURE_FAILED) {
                unknown++;
            }
            if (applied.getState().isFailed()) {
                failed++;
            }
        }
        String version = latest == null || latest.getVersion() == null ? "none" : latest.getVersion().getVersion();
        return new SchemaState(version, info.pending().length, unknown, failed);
    }

    public boolean isCurrent() {
        return pending == 0 && unknown == 0 && failed == 0;
    }
}

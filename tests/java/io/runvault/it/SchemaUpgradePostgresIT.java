package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runvault.database.SchemaUpgrade;
import io.runvault.database.UnusableSchemaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A failed schema upgrade on PostgreSQL, on the suite's real cluster: the pending migrations run in
 * one transaction, so the ones that succeeded before the failing one are rolled back with it and the
 * database is left exactly as the previous release had it, with no copy taken (the H2 path is
 * SchemaUpgradeTest's). The migrations are the unit tests' small sample sets.
 */
class SchemaUpgradePostgresIT {

    private static final String CURRENT = "classpath:db/upgrade-current";
    private static final String BROKEN = "classpath:db/upgrade-broken";

    @TempDir
    Path data;

    private PGSimpleDataSource database;

    @BeforeEach
    void freshDatabase() {
        assumeTrue(SuiteDatabase.kind().equals("postgresql"), "PostgreSQL's transactional DDL");
        SuiteDatabase.Connection fresh = SuiteDatabase.fresh();
        database = new PGSimpleDataSource();
        database.setUrl(fresh.url());
        database.setUser(fresh.user());
        database.setPassword(fresh.password());
    }

    private SchemaUpgrade upgrade(String location) {
        return new SchemaUpgrade(database, location, data.resolve("backups"), "9.9.9");
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }

    private void execute(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    @Test
    void aFailedUpgradeRollsBackEveryPendingMigration() throws Exception {
        // A database the previous release left at schema 1, with a row in it.
        upgrade(CURRENT).migrate();
        execute("DELETE FROM \"schema_history\" WHERE \"version\" = '2'");
        execute("ALTER TABLE sample DROP COLUMN note");
        execute("INSERT INTO sample (id, name) VALUES (1, 'kept')");

        // V2 succeeds, then V3 creates a table and fails.
        UnusableSchemaException refused = assertThrows(UnusableSchemaException.class, () -> upgrade(BROKEN).migrate());

        assertTrue(refused.getMessage().startsWith("upgrading the database schema from version 1 to 3 failed"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("PostgreSQL rolled every pending migration back, the schema is as it was"),
                refused.getMessage());
        assertEquals(List.of("1:t"), rows("SELECT \"version\" || ':' || CASE WHEN \"success\" THEN 't' ELSE 'f' END "
                + "FROM \"schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""),
                "neither V2 nor the failed V3 is recorded");
        assertEquals(List.of(), rows("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'sample' AND column_name = 'note'"), "V2, which succeeded, is rolled back too");
        assertEquals(List.of(), rows("SELECT table_name FROM information_schema.tables WHERE table_name = 'half_applied'"),
                "the failed migration's first statement is rolled back");
        assertEquals(List.of("kept"), rows("SELECT name FROM sample"));
        assertFalse(Files.exists(data.resolve("backups")), "no copy is needed on PostgreSQL");

        // Nothing is left half done: an upgrade whose migrations succeed applies cleanly.
        SchemaUpgrade.Outcome retried = upgrade(CURRENT).migrate();
        assertEquals("1", retried.from());
        assertEquals("2", retried.to());
        assertEquals(1, retried.applied());
        assertNull(retried.backup());
    }
}

package io.runvault.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades of an H2 file database, as the appliance keeps it: refused, failed and put back, or done. */
class SchemaUpgradeTest {

    private static final String CURRENT = "classpath:db/upgrade-current";
    private static final String BROKEN = "classpath:db/upgrade-broken";

    @TempDir
    Path data;

    private JdbcDataSource database;

    @BeforeEach
    void newDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:" + data.resolve("db").resolve("runvault") + ";MODE=LEGACY;NON_KEYWORDS=VALUE");
        database.setUser("runvault");
        database.setPassword("runvault");
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

    private List<String> history() throws SQLException {
        return rows("SELECT \"version\" || ':' || \"success\" FROM \"schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    @Test
    void aNewDatabaseIsMigratedWithoutACopy() throws Exception {
        SchemaUpgrade.Outcome outcome = upgrade(CURRENT).migrate();

        assertNull(outcome.from());
        assertEquals("2", outcome.to());
        assertEquals(2, outcome.applied());
        assertNull(outcome.backup(), "nothing to keep in an empty database");
        assertFalse(Files.exists(data.resolve("backups")));
    }

    @Test
    void aFailedMigrationLeavesTheDatabaseAsItWas() throws Exception {
        upgrade(CURRENT).migrate();
        execute("INSERT INTO sample (id, name, note) VALUES (1, 'kept', 'from version 2')");

        UnusableSchemaException refused = assertThrows(UnusableSchemaException.class, () -> upgrade(BROKEN).migrate());

        assertTrue(refused.getMessage().contains("from version 2 to 3"), refused.getMessage());
        assertTrue(refused.getMessage().contains("put back as it was"), refused.getMessage());
        assertTrue(Files.isRegularFile(data.resolve("backups/pre-upgrade-2-to-3.zip")));
        assertEquals(List.of("1:TRUE", "2:TRUE"), history(), "no trace of the failed migration");
        assertEquals(List.of(), rows("SELECT table_name FROM information_schema.tables WHERE table_name = 'HALF_APPLIED'"),
                "the half-applied migration's table is gone with it");
        assertEquals(List.of("kept"), rows("SELECT name FROM sample"));
        // And the database still works with the build it came from.
        assertEquals(0, upgrade(CURRENT).migrate().applied());
    }

    @Test
    void aPendingMigrationOnH2IsPrecededByACopy() throws Exception {
        new SchemaUpgrade(database, CURRENT, data.resolve("backups"), "1").migrate();
        execute("DELETE FROM \"schema_history\" WHERE \"version\" = '2'");
        execute("ALTER TABLE sample DROP COLUMN note");

        SchemaUpgrade.Outcome outcome = upgrade(CURRENT).migrate();

        assertEquals("1", outcome.from());
        assertEquals("2", outcome.to());
        assertEquals(data.resolve("backups/pre-upgrade-1-to-2.zip"), outcome.backup());
        assertTrue(Files.size(outcome.backup()) > 0);
    }

    @Test
    void aSchemaNewerThanThisBuildKnowsIsRefusedUntouched() throws Exception {
        upgrade(CURRENT).migrate();
        execute("INSERT INTO \"schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", "
                + "\"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                + "VALUES (3, '12', 'from a newer release', 'SQL', 'V12__newer.sql', 0, 'runvault', 1, TRUE)");

        UnusableSchemaException refused = assertThrows(UnusableSchemaException.class, () -> upgrade(CURRENT).migrate());

        assertTrue(refused.getMessage().startsWith(
                "database schema version 12 is newer than this Runvault (9.9.9, schema 2) knows"), refused.getMessage());
        assertEquals(List.of("1:TRUE", "2:TRUE", "12:TRUE"), history());
        assertFalse(Files.exists(data.resolve("backups")), "nothing copied, nothing changed");
    }

    @Test
    void theDatabaseDirectoryIsReadFromTheJdbcUrl() {
        assertEquals(Path.of("/var/lib/runvault/db"),
                SchemaUpgrade.databaseDirectory("jdbc:h2:/var/lib/runvault/db/runvault;MODE=LEGACY;NON_KEYWORDS=VALUE"));
        assertEquals(Path.of("/data/db"), SchemaUpgrade.databaseDirectory("jdbc:h2:file:/data/db/runvault"));
    }
}

package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An older Runvault started on data a newer one has migrated: a copy of the upgrade fixture whose
 * schema_history says version 12. The server changes nothing and exits with 78, naming both versions.
 */
class NewerSchemaIT {

    @Test
    void aSchemaNewerThanThisVersionKnowsStopsTheServerWithBothVersions() throws Exception {
        assumeTrue(SuiteDatabase.kind().equals("h2"), "the fixture is an H2 data directory");
        Path data = UpgradeIT.unpackFixture("newer-schema");
        RunvaultServer server = new RunvaultServer(data, SuiteDatabase.fresh(), Map.of());
        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), server.jdbcPassword());
                Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO \"schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "SELECT MAX(\"installed_rank\") + 1, '12', 'from a newer release', 'SQL', 'V12__newer.sql', 0, "
                    + "'runvault', 1, TRUE FROM \"schema_history\"");
        }
        try {
            IllegalStateException exited = assertThrows(IllegalStateException.class, server::start);
            String version = Files.readString(UpgradeIT.bundle().resolve("VERSION")).strip();
            assertTrue(exited.getMessage().startsWith("The server exited with 78"), exited.getMessage());
            assertTrue(server.log().contains("database schema version 12 is newer than this Runvault (" + version
                    + ", schema " + UpgradeIT.knownSchema() + ") knows"), server.logTail());
        } finally {
            server.close();
        }
    }
}

package io.runvault.it;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database a suite runs on, chosen by the failsafe execution ({@code runvault.test.database}):
 * {@code h2} uses the appliance's embedded default; {@code postgresql} gets a new database per server
 * on the cluster named by {@code RUNVAULT_TEST_PG_URL} (admin connection, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}) with RUNVAULT_TEST_PG_USER/PASSWORD.
 */
public final class SuiteDatabase {

    /** Null url means: leave the appliance on its embedded default. */
    public record Connection(String url, String user, String password) {
    }

    private SuiteDatabase() {
    }

    public static String kind() {
        return System.getProperty("runvault.test.database", "h2");
    }

    public static Connection fresh() {
        if (!kind().equals("postgresql")) {
            return new Connection(null, null, null);
        }
        String admin = System.getenv("RUNVAULT_TEST_PG_URL");
        if (admin == null) {
            throw new IllegalStateException("The PostgreSQL suite needs RUNVAULT_TEST_PG_URL (tests/run-all.sh sets it)");
        }
        String user = System.getenv().getOrDefault("RUNVAULT_TEST_PG_USER", "runvault");
        String password = System.getenv().getOrDefault("RUNVAULT_TEST_PG_PASSWORD", "runvault");
        String name = "rv_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection connection = DriverManager.getConnection(admin, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + admin, e);
        }
        return new Connection(admin.substring(0, admin.lastIndexOf('/') + 1) + name, user, password);
    }
}

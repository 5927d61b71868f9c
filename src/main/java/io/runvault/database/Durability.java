package io.runvault.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes committed transactions survive a kill of the server process. PostgreSQL has them in its
 * write-ahead log at commit. Embedded H2 keeps committed changes in memory and writes them in the
 * background about every half second, so a kill -9 right after a commit could lose it (a run the
 * client was told is committed, a job's last checkpoint); a CHECKPOINT writes them out now.
 * Call it outside any transaction, after the commits that must last.
 */
@ApplicationScoped
public class Durability {

    private static final Logger LOG = Logger.getLogger(Durability.class.getName());

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    private volatile Boolean embedded;

    public void flushCommitted() {
        if (Boolean.FALSE.equals(embedded)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (embedded == null) {
                embedded = "H2".equals(connection.getMetaData().getDatabaseProductName());
                if (!embedded) {
                    return;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            // The commit itself stands; only its survival of a crash in the next moment is at stake.
            LOG.log(Level.WARNING, "Could not flush committed changes to disk", e);
        }
    }
}

package io.runvault.studies;

import io.runvault.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a study to a new SQLite file in Optuna 3.1's RDB storage schema (schema version 12,
 * alembic revision v3.0.0.d), so that {@code optuna.load_study(study_name=..., storage="sqlite:///study.db")}
 * sees the same trials: numbers, states, parameters (internal values with Optuna's distribution
 * JSON), values, intermediate values, system attributes and times, and so the same best trial. The
 * study can be resumed in Optuna from there. The tables and indexes are those Optuna 3.1 creates
 * itself (taken from a study it wrote).
 */
public final class OptunaExport {

    static final int SCHEMA_VERSION = 12;
    static final String LIBRARY_VERSION = "3.1.0";
    static final String ALEMBIC_REVISION = "v3.0.0.d";
    // Optuna stores naive local datetimes with microseconds.
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE studies (
            \tstudy_id INTEGER NOT NULL,\s
            \tstudy_name VARCHAR(512) NOT NULL,\s
            \tPRIMARY KEY (study_id)
            )""",
            "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
            """
            CREATE TABLE version_info (
            \tversion_info_id INTEGER NOT NULL,\s
            \tschema_version INTEGER,\s
            \tlibrary_version VARCHAR(256),\s
            \tPRIMARY KEY (version_info_id),\s
            \tCHECK (version_info_id=1)
            )""",
            """
            CREATE TABLE study_directions (
            \tstudy_direction_id INTEGER NOT NULL,\s
            \tdirection VARCHAR(8) NOT NULL,\s
            \tstudy_id INTEGER NOT NULL,\s
            \tobjective INTEGER NOT NULL,\s
            \tPRIMARY KEY (study_direction_id),\s
            \tUNIQUE (study_id, objective),\s
            \tFOREIGN KEY(study_id) REFERENCES studies (study_id)
            )""",
            attributesTable("study_user_attributes", "study_user_attribute_id", "study_id", "studies"),
            attributesTable("study_system_attributes", "study_system_attribute_id", "study_id", "studies"),
            """
            CREATE TABLE trials (
            \ttrial_id INTEGER NOT NULL,\s
            \tnumber INTEGER,\s
            \tstudy_id INTEGER,\s
            \tstate VARCHAR(8) NOT NULL,\s
            \tdatetime_start DATETIME,\s
            \tdatetime_complete DATETIME,\s
            \tPRIMARY KEY (trial_id),\s
            \tFOREIGN KEY(study_id) REFERENCES studies (study_id)
            )""",
            attributesTable("trial_user_attributes", "trial_user_attribute_id", "trial_id", "trials"),
            attributesTable("trial_system_attributes", "trial_system_attribute_id", "trial_id", "trials"),
            """
            CREATE TABLE trial_params (
            \tparam_id INTEGER NOT NULL,\s
            \ttrial_id INTEGER,\s
            \tparam_name VARCHAR(512),\s
            \tparam_value FLOAT,\s
            \tdistribution_json TEXT,\s
            \tPRIMARY KEY (param_id),\s
            \tUNIQUE (trial_id, param_name),\s
            \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
            )""",
            floatsTable("trial_values", "trial_value_id", "objective", "value"),
            floatsTable("trial_intermediate_values", "trial_intermediate_value_id", "step", "intermediate_value"),
            """
            CREATE TABLE trial_heartbeats (
            \ttrial_heartbeat_id INTEGER NOT NULL,\s
            \ttrial_id INTEGER NOT NULL,\s
            \theartbeat DATETIME NOT NULL,\s
            \tPRIMARY KEY (trial_heartbeat_id),\s
            \tUNIQUE (trial_id),\s
            \tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)
            )""",
            """
            CREATE TABLE alembic_version (
            \tversion_num VARCHAR(32) NOT NULL,\s
            \tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
            )""");

    private static String attributesTable(String table, String id, String owner, String ownerTable) {
        return "CREATE TABLE " + table + " (\n\t" + id + " INTEGER NOT NULL, \n\t" + owner + " INTEGER, \n"
                + "\t\"key\" VARCHAR(512), \n\tvalue_json TEXT, \n\tPRIMARY KEY (" + id + "), \n"
                + "\tUNIQUE (" + owner + ", \"key\"), \n\tFOREIGN KEY(" + owner + ") REFERENCES " + ownerTable
                + " (" + owner + ")\n)";
    }

    /** A table of trial floats keyed by {@code key}, each with the type column of {@link #setFloat}. */
    private static String floatsTable(String table, String id, String key, String value) {
        return "CREATE TABLE " + table + " (\n\t" + id + " INTEGER NOT NULL, \n\ttrial_id INTEGER NOT NULL, \n\t"
                + key + " INTEGER NOT NULL, \n\t" + value + " FLOAT, \n\t" + value + "_type VARCHAR(7) NOT NULL, \n"
                + "\tPRIMARY KEY (" + id + "), \n\tUNIQUE (trial_id, " + key + "), \n"
                + "\tFOREIGN KEY(trial_id) REFERENCES trials (trial_id)\n)";
    }

    private OptunaExport() {}

    /** Writes with datetimes in this machine's time zone, as Optuna on this machine would. */
    public static void write(Study study, Map<String, Object> userAttributes, Path file) throws IOException {
        write(study, userAttributes, file, ZoneId.systemDefault());
    }

    /**
     * Writes {@code study} (with study user attributes, e.g. the objective's metric) to {@code file},
     * which must not exist yet.
     */
    public static void write(Study study, Map<String, Object> userAttributes, Path file, ZoneId zone)
            throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + " already exists");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                s.execute("INSERT INTO version_info VALUES (1, " + SCHEMA_VERSION + ", '" + LIBRARY_VERSION + "')");
                s.execute("INSERT INTO alembic_version VALUES ('" + ALEMBIC_REVISION + "')");
            }
            insert(c, "INSERT INTO studies (study_id, study_name) VALUES (1, ?)", study.name());
            insert(c, "INSERT INTO study_directions (direction, study_id, objective) VALUES (?, 1, 0)",
                    study.direction().name());
            for (Map.Entry<String, Object> a : userAttributes.entrySet()) {
                insert(c, "INSERT INTO study_user_attributes (study_id, \"key\", value_json) VALUES (1, ?, ?)",
                        a.getKey(), json(a.getValue()));
            }
            writeTrials(c, study.trials(), zone);
            c.commit();
        } catch (SQLException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("cannot write Optuna storage " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeTrials(Connection c, List<Trial> trials, ZoneId zone) throws SQLException {
        try (PreparedStatement trial = c.prepareStatement(
                     "INSERT INTO trials (trial_id, number, study_id, state, datetime_start, datetime_complete)"
                             + " VALUES (?, ?, 1, ?, ?, ?)");
             PreparedStatement param = c.prepareStatement(
                     "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)");
             PreparedStatement value = c.prepareStatement(
                     "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, 0, ?, ?)");
             PreparedStatement intermediate = c.prepareStatement(
                     "INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type)"
                             + " VALUES (?, ?, ?, ?)");
             PreparedStatement system = c.prepareStatement(
                     "INSERT INTO trial_system_attributes (trial_id, \"key\", value_json) VALUES (?, ?, ?)")) {
            for (Trial t : trials) {
                int id = t.number() + 1;
                trial.setInt(1, id);
                trial.setInt(2, t.number());
                trial.setString(3, t.state().name());
                setDatetime(trial, 4, t.datetimeStart(), zone);
                setDatetime(trial, 5, t.datetimeComplete(), zone);
                trial.addBatch();
                for (Map.Entry<String, Object> p : t.params().entrySet()) {
                    Distribution d = t.distributions().get(p.getKey());
                    param.setInt(1, id);
                    param.setString(2, p.getKey());
                    param.setDouble(3, d.toInternal(p.getValue()));
                    param.setString(4, json(d.toOptunaJson()));
                    param.addBatch();
                }
                if (t.value() != null && (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)) {
                    value.setInt(1, id);
                    setFloat(value, 2, 3, t.value(), false);
                    value.addBatch();
                }
                for (Map.Entry<Integer, Double> iv : t.intermediateValues().entrySet()) {
                    intermediate.setInt(1, id);
                    intermediate.setInt(2, iv.getKey());
                    setFloat(intermediate, 3, 4, iv.getValue(), true);
                    intermediate.addBatch();
                }
                Map<String, Object> attrs = new java.util.LinkedHashMap<>(t.systemAttributes());
                if (t.failureReason() != null) {
                    // Optuna 3.1 has no place for it; Optuna 2 kept it as this system attribute.
                    attrs.putIfAbsent("fail_reason", t.failureReason());
                }
                for (Map.Entry<String, Object> a : attrs.entrySet()) {
                    system.setInt(1, id);
                    system.setString(2, a.getKey());
                    system.setString(3, json(a.getValue()));
                    system.addBatch();
                }
            }
            trial.executeBatch();
            param.executeBatch();
            value.executeBatch();
            intermediate.executeBatch();
            system.executeBatch();
        }
    }

    /** Optuna's encoding: finite numbers as they are, infinities (and NaN, for intermediate values) as a type with NULL. */
    private static void setFloat(PreparedStatement s, int valueIndex, int typeIndex, double v, boolean nanAllowed)
            throws SQLException {
        String type;
        if (Double.isNaN(v)) {
            if (!nanAllowed) {
                throw new SQLException("a trial value cannot be NaN");
            }
            type = "NAN";
        } else if (v == Double.POSITIVE_INFINITY) {
            type = "INF_POS";
        } else if (v == Double.NEGATIVE_INFINITY) {
            type = "INF_NEG";
        } else {
            type = "FINITE";
        }
        if (type.equals("FINITE")) {
            s.setDouble(valueIndex, v);
        } else {
            s.setNull(valueIndex, Types.DOUBLE);
        }
        s.setString(typeIndex, type);
    }

    private static void setDatetime(PreparedStatement s, int index, Instant at, ZoneId zone) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, DATETIME.format(at.atZone(zone).toLocalDateTime()));
        }
    }

    private static void insert(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static String json(Object value) throws SQLException {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode " + value + " as JSON", e);
        }
    }
}

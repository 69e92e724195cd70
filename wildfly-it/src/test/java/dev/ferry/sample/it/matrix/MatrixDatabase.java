package dev.ferry.sample.it.matrix;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL database per server and pool (127.0.0.1:5432 as postgres, or FERRY_PG_*), recreated before the
 * server starts, and the {@code tx_log} triggers that record the database transaction id ({@code txid_current()})
 * of every write the checks compare. A trigger's row commits or rolls back with the write that fired it, so
 * {@code tx_log} holds exactly the committed writes, each with its transaction.
 */
final class MatrixDatabase {

    static final String HOST = env("FERRY_PG_HOST", "127.0.0.1");
    static final String PORT = env("FERRY_PG_PORT", "5432");
    static final String USER = env("FERRY_PG_USER", "postgres");
    static final String PASSWORD = env("FERRY_PG_PASSWORD", "postgres");

    private static final String TRIGGERS = """
            CREATE TABLE tx_log (
                seq        BIGSERIAL PRIMARY KEY,
                table_name TEXT   NOT NULL,
                row_key    TEXT,
                saga_id    TEXT,
                op         TEXT   NOT NULL,
                msg_id     TEXT,
                txid       BIGINT NOT NULL DEFAULT txid_current(),
                logged_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
            );
            CREATE FUNCTION tx_log_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key, saga_id, op) VALUES (TG_TABLE_NAME, NEW.id, NULL, 'insert');
                RETURN NEW;
            END $$;
            CREATE TRIGGER tx_log_invoice AFTER INSERT ON matrix_invoice
                FOR EACH ROW EXECUTE FUNCTION tx_log_invoice();
            CREATE FUNCTION tx_log_step() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key, saga_id, op)
                    VALUES (TG_TABLE_NAME, NEW.invoice_id, NEW.saga_id, NEW.action);
                RETURN NEW;
            END $$;
            CREATE TRIGGER tx_log_step AFTER INSERT ON matrix_invoice_step
                FOR EACH ROW EXECUTE FUNCTION tx_log_step();
            CREATE FUNCTION tx_log_saga() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key, saga_id, op)
                    VALUES (TG_TABLE_NAME, NEW.idempotency_key, NEW.id,
                            TG_OP || ' ' || NEW.status || ' ' || COALESCE(NEW.current_step, '-'));
                RETURN NEW;
            END $$;
            CREATE TRIGGER tx_log_saga AFTER INSERT OR UPDATE ON ferry_saga
                FOR EACH ROW EXECUTE FUNCTION tx_log_saga();
            CREATE FUNCTION tx_log_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key, saga_id, op, msg_id)
                    VALUES (TG_TABLE_NAME, NEW.msg_key, NULL, COALESCE(NEW.msg_type, '-'), NEW.id);
                RETURN NEW;
            END $$;
            CREATE TRIGGER tx_log_outbox AFTER INSERT ON ferry_outbox
                FOR EACH ROW EXECUTE FUNCTION tx_log_outbox();
            """;

    final String name;

    MatrixDatabase(String name) {
        this.name = name;
    }

    /** Drops (terminating its connections) and creates the database; fails loudly if PostgreSQL is not there. */
    void recreate() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
    }

    /** Drops the database (terminating its connections). */
    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Installs the {@code tx_log} triggers, once the application's and Ferry's tables exist. */
    void installTriggers() throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String table : List.of("matrix_invoice", "matrix_invoice_step", "matrix_received_message",
                "ferry_saga", "ferry_outbox")) {
            if (count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", table) == 0) {
                missing.add(table);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("tables missing after deployment in " + name + ": " + missing + "; present: "
                    + column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(TRIGGERS);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(name), USER, PASSWORD);
    }

    long count(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    /**
     * @return the first column of the first row as text, or null when there is no row (or the database does not
     *     answer: for polling)
     */
    String valueOrNull(String sql, Object... params) {
        try {
            List<String> values = column(sql, params);
            return values.isEmpty() ? null : values.get(0);
        } catch (SQLException e) {
            return null;
        }
    }

    /** @return the first column of every row, as text */
    List<String> column(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : rows(sql, params)) {
            Object v = row.values().iterator().next();
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    /** @return the rows, each column by its lower-case label, in order */
    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    /** @return {@code key -> value} from a two-column query */
    Map<String, String> map(String sql, Object... params) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (Map<String, Object> row : rows(sql, params)) {
            var it = row.values().iterator();
            Object k = it.next();
            Object v = it.next();
            out.put(String.valueOf(k), v == null ? null : v.toString());
        }
        return out;
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

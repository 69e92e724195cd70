package dev.ferry.sample.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which PostgreSQL transaction committed each of the sample's writes, as the matrix's {@code tx_log} records it for
 * its invoices: triggers on {@code sample_order}, {@code sample_fulfilment_step}, {@code ferry_saga} and
 * {@code ferry_outbox} write {@code txid_current()} into {@code sample_tx_log}, in the writing transaction (so only
 * committed writes stay). {@link #problems()} then compares the ids with what Ferry promises: an order, its
 * {@code OrderPlaced} message and its saga commit in one transaction; every step's row commits in a transaction that
 * records the step in its saga; a {@code ShipOrder} command commits with the step that sent it.
 */
final class SampleTransactionLog {

    private static final String TRIGGERS = """
            CREATE TABLE sample_tx_log (
                seq        BIGSERIAL PRIMARY KEY,
                table_name TEXT   NOT NULL,
                row_key    TEXT,
                op         TEXT   NOT NULL,
                txid       BIGINT NOT NULL DEFAULT txid_current()
            );
            CREATE FUNCTION sample_tx_log_order() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sample_tx_log (table_name, row_key, op) VALUES (TG_TABLE_NAME, NEW.id, 'insert');
                RETURN NEW;
            END $$;
            CREATE TRIGGER sample_tx_log_order AFTER INSERT ON sample_order
                FOR EACH ROW EXECUTE FUNCTION sample_tx_log_order();
            CREATE FUNCTION sample_tx_log_step() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sample_tx_log (table_name, row_key, op) VALUES (TG_TABLE_NAME, NEW.orderid, NEW.action);
                RETURN NEW;
            END $$;
            CREATE TRIGGER sample_tx_log_step AFTER INSERT ON sample_fulfilment_step
                FOR EACH ROW EXECUTE FUNCTION sample_tx_log_step();
            CREATE FUNCTION sample_tx_log_saga() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sample_tx_log (table_name, row_key, op) VALUES (TG_TABLE_NAME, NEW.idempotency_key, TG_OP);
                RETURN NEW;
            END $$;
            CREATE TRIGGER sample_tx_log_saga AFTER INSERT OR UPDATE ON ferry_saga
                FOR EACH ROW EXECUTE FUNCTION sample_tx_log_saga();
            CREATE FUNCTION sample_tx_log_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO sample_tx_log (table_name, row_key, op)
                    VALUES (TG_TABLE_NAME, NEW.msg_key, COALESCE(NEW.msg_type, '-'));
                RETURN NEW;
            END $$;
            CREATE TRIGGER sample_tx_log_outbox AFTER INSERT ON ferry_outbox
                FOR EACH ROW EXECUTE FUNCTION sample_tx_log_outbox();
            """;

    private final String url;

    /** @param database the sample's PostgreSQL database on the machine's server ({@link SampleDatabase#HOST}) */
    SampleTransactionLog(String database) {
        this.url = "jdbc:postgresql://" + SampleDatabase.HOST + ":" + SampleDatabase.PORT + "/" + database;
    }

    /**
     * Installs the triggers; call it once the sample is deployed (its tables and Ferry's exist) and before the
     * first order.
     *
     * @throws SQLException if a table is missing or the database cannot be reached
     */
    void install() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(TRIGGERS);
        }
    }

    /**
     * @return every broken promise, one line each, for every order in the database; empty when none
     * @throws SQLException if the database cannot be read
     */
    List<String> problems() throws SQLException {
        Map<String, List<Long>> writes = new HashMap<>(); // "table op key" -> transaction ids, in commit order
        for (String[] row : rows("SELECT table_name, op, row_key, txid FROM sample_tx_log ORDER BY seq")) {
            writes.computeIfAbsent(row[0] + " " + row[1] + " " + row[2], k -> new ArrayList<>())
                    .add(Long.parseLong(row[3]));
        }
        List<String> problems = new ArrayList<>();
        for (String[] order : rows("SELECT id, '' FROM sample_order")) {
            String id = order[0];
            List<Long> inserted = writes.getOrDefault("sample_order insert " + id, List.of());
            List<Long> message = writes.getOrDefault("ferry_outbox OrderPlaced " + id, List.of());
            List<Long> saga = writes.getOrDefault("ferry_saga INSERT order-" + id, List.of());
            if (inserted.size() != 1 || !inserted.equals(message) || !inserted.equals(saga)) {
                problems.add("order " + id + ": order row, OrderPlaced and saga creation committed in transactions "
                        + inserted + ", " + message + ", " + saga + " (expected one and the same)");
            }
            Set<Long> sagaUpdates = new HashSet<>(writes.getOrDefault("ferry_saga UPDATE order-" + id, List.of()));
            for (String[] step : rows("SELECT op, txid FROM sample_tx_log WHERE table_name = 'sample_fulfilment_step'"
                    + " AND row_key = ?", id)) {
                if (!sagaUpdates.contains(Long.parseLong(step[1]))) {
                    problems.add("order " + id + ": step row '" + step[0] + "' committed in transaction " + step[1]
                            + ", which did not update its saga (its updates: " + sagaUpdates + ")");
                }
            }
            List<Long> command = writes.getOrDefault("ferry_outbox ShipOrder " + id, List.of());
            List<Long> requested = writes.getOrDefault("sample_fulfilment_step ship-requested " + id, List.of());
            if (!command.equals(requested)) {
                problems.add("order " + id + ": ShipOrder committed in transactions " + command + ", its"
                        + " 'ship-requested' row in " + requested + " (expected the same)");
            }
        }
        return problems;
    }

    /** @return how many writes the triggers recorded */
    long recorded() throws SQLException {
        return Long.parseLong(rows("SELECT COUNT(*), '' FROM sample_tx_log").get(0)[0]);
    }

    private List<String[]> rows(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, SampleDatabase.USER, SampleDatabase.PASSWORD);
    }
}

package dev.ferry.sample.it.matrix;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The two databases of {@code WildFlyTwoDatabasesIT} seen from outside the server: each with its business table
 * ({@code shop_order} in orders, {@code invoice} in billing) and a {@code tx_log} whose triggers record, for every
 * committed insert into the business table and into {@code ferry_outbox}, the key and the database's transaction id
 * ({@code txid_current()}). A trigger's row commits or rolls back with the insert that fired it.
 */
final class CheckoutLedger {

    /** One database: its JDBC URL and its business table. */
    record Database(String url, String table) {
    }

    private static final String TX_LOG = """
            CREATE TABLE tx_log (
                table_name TEXT   NOT NULL,
                row_key    TEXT   NOT NULL,
                txid       BIGINT NOT NULL DEFAULT txid_current()
            );
            CREATE FUNCTION tx_log_business() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key) VALUES (TG_TABLE_NAME, NEW.id);
                RETURN NEW;
            END $$;
            CREATE FUNCTION tx_log_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO tx_log (table_name, row_key) VALUES (TG_TABLE_NAME, NEW.msg_key);
                RETURN NEW;
            END $$;
            """;

    private final String user;

    CheckoutLedger(String user) {
        this.user = user;
    }

    /** Creates the business table, {@code tx_log} and the business table's trigger, before the deployment. */
    void createBusinessTable(Database db) throws SQLException {
        try (Connection c = connect(db.url()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + db.table() + " (id TEXT PRIMARY KEY)");
            st.execute(TX_LOG);
            st.execute("CREATE TRIGGER tx_log_business AFTER INSERT ON " + db.table()
                    + " FOR EACH ROW EXECUTE FUNCTION tx_log_business()");
        }
    }

    /** Adds the trigger on {@code ferry_outbox}, which Ferry created at deployment. */
    void watchOutbox(Database db) throws SQLException {
        try (Connection c = connect(db.url()); Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER tx_log_outbox AFTER INSERT ON ferry_outbox"
                    + " FOR EACH ROW EXECUTE FUNCTION tx_log_outbox()");
        }
    }

    /**
     * @param db a database
     * @param id a checkout
     * @return its committed inserts there, as {@code table@txid}, business table first
     */
    List<String> writes(Database db, String id) throws SQLException {
        return strings(db.url(), "SELECT table_name || '@' || txid FROM tx_log WHERE row_key = ?"
                + " ORDER BY table_name = 'ferry_outbox', table_name", id);
    }

    /**
     * @param db a database
     * @param id a checkout
     * @return the statuses of its outbox messages there
     */
    List<String> outboxStatus(Database db, String id) throws SQLException {
        return strings(db.url(), "SELECT status FROM ferry_outbox WHERE msg_key = ? ORDER BY seq", id);
    }

    /**
     * @param postgresUrl the URL of a database of the cluster
     * @return the prepared two-phase transactions of the whole cluster, as {@code database gid}
     */
    List<String> preparedTransactions(String postgresUrl) throws SQLException {
        return strings(postgresUrl, "SELECT database || ' ' || gid FROM pg_prepared_xacts ORDER BY database");
    }

    private List<String> strings(String url, String sql, Object... params) throws SQLException {
        try (Connection c = connect(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }
}

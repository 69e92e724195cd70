package dev.ferry.outbox.it;

import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A "broker" that survives the relay's JVM: each batch is inserted into a {@code received} table
 * and committed, and only then reported delivered, the way a broker confirms. Counting that table
 * tells what arrived, also from a relay that was killed.
 */
final class TableSinkPublisher implements MessagePublisher {

    private final String url;
    private final String user;
    private final String password;
    private final long confirmDelayMillis;

    TableSinkPublisher(String url, String user, String password) {
        this(url, user, password, 0);
    }

    /** @param confirmDelayMillis a pause between the broker's commit and the confirmation (widens the crash window) */
    TableSinkPublisher(String url, String user, String password, long confirmDelayMillis) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.confirmDelayMillis = confirmDelayMillis;
    }

    static void createTable(Connection c, TestDatabase database) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE received (n " + database.identityKey() + ","
                    + " msg_id VARCHAR(36) NOT NULL, msg_key VARCHAR(255), seq " + database.bigint() + " NOT NULL)");
        }
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO received (msg_id, msg_key, seq) VALUES (?, ?, ?)")) {
                for (OutgoingMessage m : batch) {
                    ps.setString(1, m.id().toString());
                    ps.setString(2, m.key());
                    ps.setLong(3, m.sequence());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        if (confirmDelayMillis > 0) {
            try {
                Thread.sleep(confirmDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        batch.forEach(report::delivered);
    }
}

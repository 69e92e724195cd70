package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * The transactions of figure 3 in plain JDBC, without JPA, JTA or Ferry: the same round trips as the
 * JTA path ({@code BEGIN}, alone when the pool is XA, see {@link BareTransaction}; the entity's
 * {@code INSERT}, optionally the outbox table's {@code INSERT} with Ferry's columns, {@code COMMIT})
 * on as many connections as threads. Their ratio is what any outbox that writes a row per message in
 * the caller's transaction can reach on this machine.
 *
 * <p>{@link Shape#PIPELINED} sends both {@code INSERT}s in one round trip (one prepared statement
 * holding both, which the PostgreSQL driver sends with a single sync): what the outbox's row would
 * cost if the driver could pipeline it with the entity's, which JDBC cannot do for statements of two
 * components (EclipseLink's and Ferry's).
 */
final class BareWrites {

    private final Db db;
    private final byte[] payload;
    private final String orderSql;
    private final String messageSql;

    BareWrites(Db db, String orderTable, String outboxTable, String payload) {
        this.db = db;
        this.payload = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.orderSql = "INSERT INTO " + orderTable + " (id, customer, total_cents) VALUES (?, ?, ?)";
        this.messageSql = "INSERT INTO " + outboxTable + " (id, topic, msg_key, msg_type, content_type, payload,"
                + " headers, status, attempts, created_at, available_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    }

    /** What each transaction writes, and in how many round trips. */
    enum Shape {
        /** The entity's {@code INSERT} alone. */
        ENTITY_ONLY,
        /** The entity's {@code INSERT}, then the outbox row's, each in its own round trip. */
        SEPARATE,
        /** Both {@code INSERT}s in one round trip. */
        PIPELINED
    }

    /** @return transactions committed in {@code seconds} on {@code threads} connections */
    long measure(Shape shape, int threads, int seconds) throws Exception {
        CountingWindow window = CountingWindow.of(seconds);
        Workers.start("bare-write", threads, (t, failed) -> {
            try (Connection c = db.connect(); BareTransaction tx = new BareTransaction(c, db.options().xa());
                 PreparedStatement order = c.prepareStatement(shape == Shape.PIPELINED
                         ? orderSql + "; " + messageSql : orderSql);
                 PreparedStatement message = c.prepareStatement(messageSql)) {
                long begun;
                while (window.isOpen(begun = System.nanoTime()) && !failed.getAsBoolean()) {
                    String id = UUID.randomUUID().toString();
                    tx.begin();
                    order.setString(1, id);
                    order.setString(2, "customer-" + (id.hashCode() & 1023));
                    order.setLong(3, 4200);
                    if (shape == Shape.PIPELINED) {
                        bindMessage(order, 4, id);
                    }
                    order.execute();
                    if (shape == Shape.SEPARATE) {
                        bindMessage(message, 1, id);
                        message.executeUpdate();
                    }
                    tx.commit();
                    window.count(begun);
                }
            }
        }).join();
        return window.counted();
    }

    private void bindMessage(PreparedStatement ps, int first, String key) throws SQLException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        ps.setString(first, UUID.randomUUID().toString());
        ps.setString(first + 1, "orders");
        ps.setString(first + 2, key);
        ps.setString(first + 3, "OrderPlaced");
        ps.setString(first + 4, "application/json");
        ps.setBytes(first + 5, payload);
        ps.setString(first + 6, null);
        ps.setTimestamp(first + 7, now);
        ps.setTimestamp(first + 8, now);
    }
}

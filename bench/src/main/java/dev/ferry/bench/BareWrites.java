package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * The transactions of figure 3 in plain JDBC, without JPA, JTA or Ferry: the same round trips as the
 * JTA path ({@code BEGIN}, alone when the pool is XA, see {@link BareTransaction}; the entity's
 * {@code INSERT}, optionally the outbox table's {@code INSERT} with Ferry's columns, {@code COMMIT})
 * on as many connections as threads. Their ratio is what any outbox that writes a row per message in
 * the caller's transaction can reach on this machine.
 */
final class BareWrites {

    private final Db db;
    private final String orderTable;
    private final String outboxTable;
    private final byte[] payload;

    BareWrites(Db db, String orderTable, String outboxTable, String payload) {
        this.db = db;
        this.orderTable = orderTable;
        this.outboxTable = outboxTable;
        this.payload = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return transactions committed in {@code seconds} on {@code threads} connections */
    long measure(boolean withOutbox, int threads, int seconds) throws Exception {
        CountingWindow window = CountingWindow.of(seconds);
        Workers.start("bare-write", threads, (t, failed) -> {
            try (Connection c = db.connect(); BareTransaction tx = new BareTransaction(c, db.options().xa());
                 PreparedStatement order = c.prepareStatement("INSERT INTO " + orderTable
                         + " (id, customer, total_cents) VALUES (?, ?, ?)");
                 PreparedStatement message = c.prepareStatement("INSERT INTO " + outboxTable + " (id, topic,"
                         + " msg_key, msg_type, content_type, payload, headers, status, attempts, created_at,"
                         + " available_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
                long begun;
                while (window.isOpen(begun = System.nanoTime()) && !failed.getAsBoolean()) {
                    String id = UUID.randomUUID().toString();
                    tx.begin();
                    order.setString(1, id);
                    order.setString(2, "customer-" + (id.hashCode() & 1023));
                    order.setLong(3, 4200);
                    order.executeUpdate();
                    if (withOutbox) {
                        Timestamp now = new Timestamp(System.currentTimeMillis());
                        message.setString(1, UUID.randomUUID().toString());
                        message.setString(2, "orders");
                        message.setString(3, id);
                        message.setString(4, "OrderPlaced");
                        message.setString(5, "application/json");
                        message.setBytes(6, payload);
                        message.setString(7, null);
                        message.setTimestamp(8, now);
                        message.setTimestamp(9, now);
                        message.executeUpdate();
                    }
                    tx.commit();
                    window.count(begun);
                }
            }
        }).join();
        return window.counted();
    }
}

package dev.ferry.outbox.write;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.OutboxStoreException;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.tx.Transactions;
import jakarta.transaction.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@link Outbox} over a JTA data source: inserts the message with a connection enlisted in the
 * caller's transaction, and wakes the relays after that transaction commits (this JVM's, and on
 * PostgreSQL other JVMs' when that helps: see the engine's after-commit hook).
 */
public final class JtaOutbox implements Outbox {

    private final DataSource dataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final JsonCodec json;
    private final Runnable afterCommit;
    private final Clock clock;
    private final String insertSql;
    private final Object synchronizationKey = new Object();
    private final Telemetry telemetry;
    private final int maxPayloadBytes;

    /**
     * @param dataSource the JTA data source the caller's business writes use
     * @param transactions JTA access
     * @param dialect the database's dialect
     * @param settings the outbox settings (table, maxPayloadBytes)
     * @param json the payload codec
     * @param afterCommit run after a transaction that wrote messages committed (wakes the relays)
     * @param clock the clock for {@code created_at}
     */
    public JtaOutbox(DataSource dataSource, Transactions transactions, SqlDialect dialect, OutboxSettings settings,
                     JsonCodec json, Runnable afterCommit, Clock clock) {
        this(dataSource, transactions, dialect, settings, json, afterCommit, clock, Telemetry.none());
    }

    /**
     * @param dataSource the JTA data source the caller's business writes use
     * @param transactions JTA access
     * @param dialect the database's dialect
     * @param settings the outbox settings (table, maxPayloadBytes)
     * @param json the payload codec
     * @param afterCommit run after a transaction that wrote messages committed (wakes the relays)
     * @param clock the clock for {@code created_at}
     * @param telemetry gives the caller's trace context, stored with each message as its
     *     {@code traceparent} and {@code tracestate} headers
     */
    public JtaOutbox(DataSource dataSource, Transactions transactions, SqlDialect dialect, OutboxSettings settings,
                     JsonCodec json, Runnable afterCommit, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.maxPayloadBytes = settings.maxPayloadBytes();
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.json = json;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.insertSql = "INSERT INTO " + settings.table() + " (id, topic, msg_key, msg_type, content_type, payload,"
                + " headers, status, attempts, created_at, available_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    }

    @Override
    public UUID publish(OutboxMessage message) {
        if (message == null) {
            throw new IllegalArgumentException("Outbox.publish needs a message, got null");
        }
        if (!transactions.isActive()) {
            throw new IllegalStateException("Outbox.publish needs an active JTA transaction (status: "
                    + statusName(transactions.registry().getTransactionStatus()) + "); call it from a"
                    + " @Transactional method or inside UserTransaction.begin()/commit(), so the message commits"
                    + " with your business data");
        }
        EncodedPayload payload = EncodedPayload.of(message, json, maxPayloadBytes);
        String headers = json.headersToText(withTraceContext(message.headers()));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant availableAt = message.deliverAfter() != null && message.deliverAfter().isAfter(now)
                ? message.deliverAfter() : now;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setString(1, id.toString());
            ps.setString(2, message.topic());
            ps.setString(3, message.key());
            ps.setString(4, message.type());
            ps.setString(5, payload.contentType());
            ps.setBytes(6, payload.bytes());
            ps.setString(7, headers);
            dialect.setInstant(ps, 8, now);
            dialect.setInstant(ps, 9, availableAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxStoreException("Cannot write the outbox message " + message + ": " + e.getMessage(), e);
        }
        transactions.runAfterCommit(synchronizationKey, afterCommit);
        return id;
    }

    /**
     * Adds the caller's trace context to the headers, unless the message carries one of its own
     * (a consumer passing on the context it received, say).
     */
    private Map<String, String> withTraceContext(Map<String, String> headers) {
        if (!telemetry.enabled() || headers.containsKey(Telemetry.TRACEPARENT)) {
            return headers;
        }
        Map<String, String> context = telemetry.currentContext();
        if (context.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(context);
        return all;
    }

    private static String statusName(int status) {
        return switch (status) {
            case Status.STATUS_NO_TRANSACTION -> "no transaction";
            case Status.STATUS_MARKED_ROLLBACK -> "marked for rollback";
            case Status.STATUS_ROLLEDBACK, Status.STATUS_ROLLING_BACK -> "rolling back";
            case Status.STATUS_COMMITTED, Status.STATUS_COMMITTING -> "committing";
            default -> "status " + status;
        };
    }
}

package dev.ferry.outbox.inbox;

import dev.ferry.inbox.Inbox;
import dev.ferry.inbox.InboxStoreException;
import dev.ferry.inbox.InboxHandler;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.tx.Transactions;
import jakarta.transaction.SystemException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@link Inbox} over a JTA data source: records the message id with a connection enlisted in
 * the caller's transaction, using the dialect's "insert unless the key exists" statement, and runs
 * the handler only when the row was inserted. A concurrent delivery of the same id waits on the
 * unique key until the first transaction ends, then finds the id (or, if that one rolled back,
 * inserts it).
 */
final class JdbcInbox implements Inbox {

    private final DataSource dataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final InboxSettings settings;
    private final Clock clock;
    private final String insertSql;
    private final Telemetry telemetry;
    private final Telemetry.Counter received;
    private final Telemetry.Counter duplicates;

    /**
     * @param dataSource the JTA data source the consumer's own writes use
     * @param transactions JTA access
     * @param dialect the database's dialect
     * @param settings table and consumer name
     * @param clock the clock for {@code received_at}
     * @param telemetry records a CONSUMER span per receive (continuing the sender's trace when a
     *     consumer helper passed it on) and the counters {@code ferry.inbox.received} and
     *     {@code ferry.inbox.duplicates}
     */
    JdbcInbox(DataSource dataSource, Transactions transactions, SqlDialect dialect, InboxSettings settings,
              Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.received = telemetry.counter("ferry.inbox.received", "Messages the inbox let through to their handler,"
                + " by consumer", "{message}");
        this.duplicates = telemetry.counter("ferry.inbox.duplicates", "Messages the inbox recognized as already"
                + " received, by consumer", "{message}");
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        this.insertSql = dialect.insertIgnoringDuplicate(settings.table(),
                List.of("consumer", "message_id", "received_at"), List.of("consumer", "message_id"));
    }

    @Override
    public <E extends Exception> boolean receive(String messageId, InboxHandler<E> handler) throws E {
        if (messageId == null || messageId.isBlank() || messageId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Inbox.receive needs a message id of 1 to " + MAX_ID_LENGTH
                    + " characters, got " + (messageId == null ? "null" : "'" + abbreviate(messageId) + "'"));
        }
        if (handler == null) {
            throw new IllegalArgumentException("Inbox.receive needs a handler, got null");
        }
        if (!transactions.isActive()) {
            throw new IllegalStateException("Inbox.receive needs an active JTA transaction: the record of message "
                    + messageId + " must commit together with the handler's effect; call it from a @Transactional"
                    + " method, a message-driven bean, or inside UserTransaction.begin()/commit()");
        }
        if (telemetry.enabled()) {
            return receiveTraced(messageId, handler);
        }
        if (!record(messageId)) {
            return false;
        }
        handle(handler);
        return true;
    }

    /** Runs the handler; when it throws, marks the caller's transaction for rollback first. */
    private <E extends Exception> void handle(InboxHandler<E> handler) throws E {
        try {
            handler.handle();
        } catch (Exception | Error e) {
            markRollbackOnly(e);
            throw e;
        }
    }

    /** {@link #receive} in a CONSUMER span, current while the handler runs. */
    @SuppressWarnings("try") // the scope is only closed: it makes the span current meanwhile
    private <E extends Exception> boolean receiveTraced(String messageId, InboxHandler<E> handler) throws E {
        InboundTrace.Incoming in = InboundTrace.current(messageId);
        String destination = in == null || in.destination() == null ? settings.consumer() : in.destination();
        Telemetry.Span span = telemetry.startSpan("process " + destination, Telemetry.SpanKind.CONSUMER,
                        in == null ? null : in.context())
                .attribute("messaging.system", in == null ? "ferry" : in.system())
                .attribute("messaging.operation.name", "process")
                .attribute("messaging.operation.type", "process")
                .attribute("messaging.destination.name", destination)
                .attribute("messaging.message.id", messageId)
                .attribute("messaging.consumer.group.name", settings.consumer());
        try (Telemetry.Scope scope = span.makeCurrent()) {
            if (!record(messageId)) {
                span.attribute("ferry.inbox.duplicate", "true");
                duplicates.add(1, "ferry.inbox.consumer", settings.consumer());
                return false;
            }
            received.add(1, "ferry.inbox.consumer", settings.consumer());
            handle(handler);
            return true;
        } catch (Exception | Error e) {
            span.failed(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** @return true if the id was inserted, false if this consumer had it already */
    private boolean record(String messageId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertSql)) {
            ps.setString(1, settings.consumer());
            ps.setString(2, messageId);
            dialect.setInstant(ps, 3, clock.instant());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                return false; // a concurrent delivery committed first (databases that report it as an error)
            }
            throw new InboxStoreException("Cannot record message " + messageId + " in the inbox " + settings.table()
                    + ": " + e.getMessage(), e);
        }
    }

    private void markRollbackOnly(Throwable cause) {
        try {
            transactions.transactionManager().setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            cause.addSuppressed(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

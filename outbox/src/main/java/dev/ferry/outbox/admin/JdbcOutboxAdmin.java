package dev.ferry.outbox.admin;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.DeadMessagePage;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.OutboxStoreException;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.jdbc.SeqCursor;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.tx.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link OutboxAdmin} over JDBC: in the caller's JTA transaction when there is one (through the JTA
 * data source, the relay woken after the commit), else in a short local transaction of its own on
 * the worker pool.
 */
public final class JdbcOutboxAdmin implements OutboxAdmin {

    private static final System.Logger LOG = System.getLogger(JdbcOutboxAdmin.class.getName());
    /** The tag of dead-message cursors. */
    private static final String CURSOR_KIND = "dead";
    private static final int MAX_PAGE = 1000;

    private final DataSource dataSource;
    private final DataSource workerDataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final TableName table;
    private final JsonCodec json;
    private final Runnable afterReplay;
    private final Object wakeKey = new Object();
    private final Clock clock;

    /**
     * @param dataSource the JTA data source, for calls inside the caller's transaction
     * @param workerDataSource non-JTA connections, for calls outside any transaction
     * @param transactions tells whether the caller has a transaction
     * @param dialect the database's dialect
     * @param settings the outbox settings (table)
     * @param json reads the stored headers
     * @param afterReplay run after messages were replayed or discarded and committed (wakes the relay)
     * @param clock the clock
     */
    public JdbcOutboxAdmin(DataSource dataSource, DataSource workerDataSource, Transactions transactions,
                           SqlDialect dialect, OutboxSettings settings, JsonCodec json, Runnable afterReplay,
                           Clock clock) {
        this.dataSource = dataSource;
        this.workerDataSource = workerDataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.table = settings.table();
        this.json = json;
        this.afterReplay = afterReplay;
        this.clock = clock;
    }

    @Override
    public List<DeadMessage> deadMessages(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return deadMessages(Math.min(limit, MAX_PAGE), null).items();
    }

    @Override
    public DeadMessagePage deadMessages(int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        long after = SeqCursor.decode(CURSOR_KIND, cursor);
        String sql = "SELECT seq, id, topic, msg_key, msg_type, attempts, last_error, created_at, content_type,"
                + " payload, headers FROM " + table + " WHERE status = 'DEAD' AND seq > ? ORDER BY seq";
        return inTransaction(false, c -> {
            List<DeadMessage> dead = new ArrayList<>();
            long lastSeq = after;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit + 1); // one more than the page tells whether another page follows
                ps.setLong(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (dead.size() == limit) {
                            more = true;
                            break;
                        }
                        lastSeq = rs.getLong("seq");
                        dead.add(new DeadMessage(UUID.fromString(rs.getString("id")), rs.getString("topic"),
                                rs.getString("msg_key"), rs.getString("msg_type"), rs.getInt("attempts"),
                                rs.getString("last_error"), dialect.getInstant(rs, "created_at"),
                                rs.getString("content_type"), rs.getBytes("payload"),
                                json.headersFromText(rs.getString("headers"))));
                    }
                }
            }
            return new DeadMessagePage(dead, more ? Optional.of(SeqCursor.encode(CURSOR_KIND, lastSeq))
                    : Optional.empty());
        });
    }

    @Override
    public boolean replay(UUID id) {
        return replayWhere("id = ?", id) > 0;
    }

    @Override
    public int replayAll() {
        return replayWhere(null, null);
    }

    private int replayWhere(String condition, UUID id) {
        String sql = "UPDATE " + table + " SET status = 'PENDING', attempts = 0, available_at = ?"
                + " WHERE status = 'DEAD'" + (condition == null ? "" : " AND " + condition);
        int n = inTransaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                dialect.setInstant(ps, 1, clock.instant());
                if (id != null) {
                    ps.setString(2, id.toString());
                }
                return ps.executeUpdate();
            }
        });
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": replayed " + (id == null ? n + " dead messages"
                : n > 0 ? "dead message " + id : "nothing (message " + id + " is not dead)") + joined());
        return n;
    }

    @Override
    public boolean discard(UUID id) {
        String sql = "DELETE FROM " + table + " WHERE status = 'DEAD' AND id = ?";
        int n = inTransaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id.toString());
                return ps.executeUpdate();
            }
        });
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": " + (n > 0 ? "discarded dead message " + id
                : "discarded nothing (message " + id + " is not dead)") + joined());
        return n > 0;
    }

    @Override
    public long pendingCount() {
        String sql = "SELECT COUNT(*) FROM " + table + " WHERE status = 'PENDING'";
        return inTransaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Runs work in the caller's transaction, or in a local one of its own without one.
     *
     * @param wakes whether a positive count the work returns should wake the relay once committed
     */
    private <T> T inTransaction(boolean wakes, LocalConnections.Work<T> work) {
        try {
            if (transactions.hasTransaction()) {
                T result;
                try (Connection c = dataSource.getConnection()) {
                    result = work.apply(c);
                }
                if (wakes && changed(result) && transactions.isActive()) {
                    transactions.runAfterCommit(wakeKey, afterReplay);
                }
                return result;
            }
            T result = LocalConnections.inTransaction(workerDataSource, work);
            if (wakes && changed(result)) {
                afterReplay.run();
            }
            return result;
        } catch (SQLException e) {
            throw new OutboxStoreException("Outbox admin action on " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** @return what a log line adds when the action is part of the caller's transaction (not committed yet) */
    private String joined() {
        return transactions.hasTransaction() ? ", in the caller's transaction" : "";
    }

    private static boolean changed(Object result) {
        return result instanceof Integer n && n > 0;
    }
}

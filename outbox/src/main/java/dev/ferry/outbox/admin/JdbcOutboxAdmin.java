package dev.ferry.outbox.admin;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.DeadMessagePage;
import dev.ferry.outbox.OutboxAction;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.OutboxAuditPage;
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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link OutboxAdmin} over JDBC: in the caller's JTA transaction when there is one (through the JTA
 * data source, the relay woken after the commit), else in a short local transaction of its own on
 * the worker pool. Each replay and discard appends its audit entry ({@link OutboxAuditLog}) in the same
 * transaction.
 */
public final class JdbcOutboxAdmin implements OutboxAdmin {

    private static final System.Logger LOG = System.getLogger(JdbcOutboxAdmin.class.getName());
    /** The tag of dead-message cursors. */
    private static final String CURSOR_KIND = "dead";
    private static final int MAX_PAGE = 1000;
    private static final int MAX_ACTOR = 200;

    private final DataSource dataSource;
    private final DataSource workerDataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final TableName table;
    private final JsonCodec json;
    private final Runnable afterReplay;
    private final Object wakeKey = new Object();
    private final Clock clock;
    private final OutboxAuditLog auditLog;
    private final Supplier<String> actor;

    /**
     * @param dataSource the JTA data source, for calls inside the caller's transaction
     * @param workerDataSource non-JTA connections, for calls outside any transaction
     * @param transactions tells whether the caller has a transaction
     * @param dialect the database's dialect
     * @param settings the outbox settings (table)
     * @param json reads the stored headers
     * @param afterReplay run after messages were replayed or discarded and committed (wakes the relay)
     * @param clock the clock
     * @param actor names who acts, asked at each action
     */
    public JdbcOutboxAdmin(DataSource dataSource, DataSource workerDataSource, Transactions transactions,
                           SqlDialect dialect, OutboxSettings settings, JsonCodec json, Runnable afterReplay,
                           Clock clock, Supplier<String> actor) {
        this.dataSource = dataSource;
        this.workerDataSource = workerDataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.table = settings.table();
        this.json = json;
        this.afterReplay = afterReplay;
        this.clock = clock;
        this.auditLog = new OutboxAuditLog(dialect, settings);
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The same admin recording another actor. */
    private JdbcOutboxAdmin(JdbcOutboxAdmin base, Supplier<String> actor) {
        this.dataSource = base.dataSource;
        this.workerDataSource = base.workerDataSource;
        this.transactions = base.transactions;
        this.dialect = base.dialect;
        this.table = base.table;
        this.json = base.json;
        this.afterReplay = base.afterReplay;
        this.clock = base.clock;
        this.auditLog = base.auditLog;
        this.actor = actor;
    }

    @Override
    public OutboxAdmin withActor(String name) {
        Objects.requireNonNull(name, "actor");
        if (name.isBlank() || name.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("An actor must be 1 to " + MAX_ACTOR + " characters, was '" + name
                    + "'");
        }
        return new JdbcOutboxAdmin(this, () -> name);
    }

    private String actor() {
        String name = actor.get();
        if (name == null || name.isBlank()) {
            return "anonymous";
        }
        return name.length() > MAX_ACTOR ? name.substring(0, MAX_ACTOR) : name;
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
        return deadMessages(limit, cursor, null, null);
    }

    @Override
    public DeadMessagePage deadMessages(int limit, String cursor, String topic, String key) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        long after = SeqCursor.decode(CURSOR_KIND, cursor);
        String sql = "SELECT seq, id, topic, msg_key, msg_type, attempts, last_error, created_at, content_type,"
                + " payload, headers FROM " + table + " WHERE status = 'DEAD' AND seq > ?"
                + (topic == null ? "" : " AND topic = ?") + (key == null ? "" : " AND msg_key = ?") + " ORDER BY seq";
        return inTransaction(false, c -> {
            List<DeadMessage> dead = new ArrayList<>();
            long lastSeq = after;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit + 1); // one more than the page tells whether another page follows
                ps.setLong(1, after);
                int next = 2;
                if (topic != null) {
                    ps.setString(next++, topic);
                }
                if (key != null) {
                    ps.setString(next, key);
                }
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
        return replay(id, null);
    }

    @Override
    public boolean replay(UUID id, String reason) {
        Objects.requireNonNull(id, "id");
        return replayWhere(OutboxAction.REPLAYED, "id = ?", id.toString(), id, reason) > 0;
    }

    @Override
    public int replayTopic(String topic, String reason) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("replayTopic needs a topic, was '" + topic + "'");
        }
        return replayWhere(OutboxAction.REPLAYED_TOPIC, "topic = ?", topic, null, reason);
    }

    @Override
    public int replayAll() {
        return replayAll(null);
    }

    @Override
    public int replayAll(String reason) {
        return replayWhere(OutboxAction.REPLAYED_ALL, null, null, null, reason);
    }

    /**
     * @param condition a further condition with one parameter, or null for every dead message
     * @param value the condition's parameter
     * @param id the message acted on, or null
     */
    private int replayWhere(OutboxAction action, String condition, String value, UUID id, String reason) {
        String sql = "UPDATE " + table + " SET status = 'PENDING', attempts = 0, available_at = ?"
                + " WHERE status = 'DEAD'" + (condition == null ? "" : " AND " + condition);
        String who = actor();
        int n = inTransaction(true, c -> {
            Instant now = clock.instant();
            String topic = id == null ? value : topicOf(c, id);
            int changed;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                dialect.setInstant(ps, 1, now);
                if (condition != null) {
                    ps.setString(2, value);
                }
                changed = ps.executeUpdate();
            }
            auditLog.append(c, action, id, topic, changed, who, reason, now);
            return changed;
        });
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": " + who + " replayed "
                + (id != null ? (n > 0 ? "dead message " + id : "nothing (message " + id + " is not dead)")
                : n + " dead messages" + (value == null ? "" : " of topic " + value))
                + (reason == null ? "" : " (" + reason + ")") + joined());
        return n;
    }

    /** @return the topic of a dead message, or null when no dead message has the id */
    private String topicOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT topic FROM " + table
                + " WHERE status = 'DEAD' AND id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public boolean discard(UUID id) {
        return discard(id, null);
    }

    @Override
    public boolean discard(UUID id, String reason) {
        Objects.requireNonNull(id, "id");
        String sql = "DELETE FROM " + table + " WHERE status = 'DEAD' AND id = ?";
        String who = actor();
        int n = inTransaction(true, c -> {
            String topic = topicOf(c, id);
            int changed;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id.toString());
                changed = ps.executeUpdate();
            }
            auditLog.append(c, OutboxAction.DISCARDED, id, topic, changed, who, reason, clock.instant());
            return changed;
        });
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": " + who + (n > 0 ? " discarded dead message " + id
                : " discarded nothing (message " + id + " is not dead)") + (reason == null ? "" : " (" + reason + ")")
                + joined());
        return n > 0;
    }

    @Override
    public OutboxAuditPage audit(int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
        return inTransaction(false, c -> auditLog.page(c, limit, cursor));
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

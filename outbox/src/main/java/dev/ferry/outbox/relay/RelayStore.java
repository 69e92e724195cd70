package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.DeadMessagePolicy;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.relay.HeadClaim.Head;
import dev.ferry.runtime.claim.ClaimQuery;
import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relay's SQL: claiming batches in key order and recording what became of them.
 *
 * <p>A batch is claimed in a local transaction that stays open while the batch is published, and
 * its outcome is recorded and committed in the same transaction: the claimed rows stay locked
 * until then, with no lease written. A relay that dies loses its connection, the database rolls
 * the transaction back, and the rows are free again at once. A relay that hangs is bounded twice:
 * the publisher gets {@link OutboxSettings#publishTimeout()} ({@link TimedPublish}), and where the
 * database can end a transaction left idle (PostgreSQL, MariaDB: {@link SqlDialect#idleTransactionTimeout})
 * it does so after {@link OutboxSettings#leaseDuration()}, so that a stalled JVM or connection holds
 * a batch no longer either. SQL Server and Oracle have no such per-session setting.
 *
 * <p>How a batch is claimed, so that a key's messages are published in order by any number of
 * relays: a message is a <em>head</em> when no earlier message of its key is still waiting (pending,
 * or dead under {@link DeadMessagePolicy#HOLD_KEY}). Due heads are locked with {@code SKIP LOCKED};
 * then, for the keys of the locked heads, the messages that follow them are added while they are
 * due, in order, up to the batch size. Another relay can never claim a follower: until this
 * relay's transaction commits, the head still exists for everyone else, so the follower is not a
 * head; when it commits, head and follower are both recorded.
 *
 * <p>Where the algorithm differs by database it is a strategy chosen here once, from the dialect:
 * how heads are locked ({@link HeadClaim}) and how delivered rows are recorded
 * ({@link DeliveredMarker}).
 */
final class RelayStore {

    private static final System.Logger LOG = System.getLogger(RelayStore.class.getName());

    private final SqlDialect dialect;
    private final TableName table;
    private final OutboxSettings settings;
    private final OutboxRows rows;
    private final HeadClaim headClaim;
    private final DeliveredMarker deliveredMarker;
    private final String setup;
    /** Where the idle timeout is a session setting (MariaDB): set once a claim found work, else null. */
    private final String sessionIdleTimeout;
    /** Undoes {@link #sessionIdleTimeout} after the transaction, or null. */
    private final String sessionIdleTimeoutReset;
    /** The setup of a search from the start, which also has the claim's statements planned anew. */
    private final String fullSearchSetup;

    RelayStore(SqlDialect dialect, OutboxSettings settings, JsonCodec json) {
        this.dialect = dialect;
        this.table = settings.table();
        this.settings = settings;
        this.rows = new OutboxRows(dialect, settings, json);
        this.headClaim = dialect.skipsLockedRowsInSubqueries()
                ? new TwoStepHeadClaim(dialect, rows, settings.batchSize())
                : new OneStatementHeadClaim(dialect, rows, settings.batchSize());
        boolean retained = !settings.retention().isZero();
        this.deliveredMarker = dialect.bindsKeysAsArray()
                ? new KeyArrayDeliveredMarker(dialect, table, retained)
                : new PerKeyDeliveredMarker(dialect, table, retained);
        // The commit waits for the disk: a record lost in a database crash would let a later message
        // of a key be published before the repeat of an earlier one.
        String idleTimeout = dialect.idleTransactionTimeout(settings.leaseDuration());
        this.sessionIdleTimeoutReset = idleTimeout == null ? null : dialect.idleTransactionTimeoutReset();
        this.sessionIdleTimeout = sessionIdleTimeoutReset == null ? null : idleTimeout;
        this.setup = ClaimQuery.setup(dialect.claimTransactionSetup(), sessionIdleTimeout == null ? idleTimeout : null);
        this.fullSearchSetup = ClaimQuery.setup(setup, dialect.discardCachedPlans());
    }

    /**
     * Claims a batch, starting a local transaction on {@code c} (auto-commit off) that holds the
     * batch's rows locked until {@link #complete} commits it. An empty claim is committed at once.
     *
     * @param floor the lowest sequence number to look at for heads (see {@link ScanFloor}); a search
     *     from the start also has the connection's statements planned anew, for the table as it is
     *     now (a plan made while it was nearly empty would scan it whole)
     * @return the claimed messages in write order, possibly empty
     */
    List<ClaimedMessage> claim(Connection c, Instant now, long floor) throws SQLException {
        int batchSize = settings.batchSize();
        try {
            List<Head> heads = headClaim.lock(c, setupFor(floor), floor, now);
            if (heads.isEmpty()) {
                c.commit();
                return List.of();
            }
            List<ClaimedMessage> batch = new ArrayList<>(batchSize);
            Map<String, Long> followed = new LinkedHashMap<>();
            for (Head h : heads) {
                batch.add(h.message());
                if (h.hasNext()) {
                    followed.put(h.message().key(), h.message().seq());
                }
            }
            if (batch.size() < batchSize && !followed.isEmpty()) {
                batch.addAll(followers(c, followed, now, batchSize - batch.size()));
                batch.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            }
            if (sessionIdleTimeout != null) {
                execute(c, sessionIdleTimeout);
            }
            return batch;
        } catch (SQLException | RuntimeException e) {
            LocalConnections.rollbackAfter(c, e);
            throw e;
        }
    }

    private String setupFor(long floor) {
        return floor == ScanFloor.FROM_START ? fullSearchSetup : setup;
    }

    /** The due messages that follow the given heads of their keys, in order, up to {@code room}. */
    private List<ClaimedMessage> followers(Connection c, Map<String, Long> headSeqByKey, Instant now, int room)
            throws SQLException {
        String sql = "SELECT " + OutboxRows.COLUMNS + ", m.status, m.available_at FROM " + table + " m"
                + " WHERE m.msg_key IN " + InList.placeholders(headSeqByKey.size()) + " AND "
                + rows.waitingStatus("m") + " ORDER BY m.seq";
        List<ClaimedMessage> followers = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(room + headSeqByKey.size() * 2);
            int i = 1;
            for (String key : headSeqByKey.keySet()) {
                ps.setString(i++, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && followers.size() < room) {
                    String key = rs.getString("msg_key");
                    long seq = rs.getLong("seq");
                    if (seq <= headSeqByKey.get(key) || stopped.contains(key)) {
                        continue;
                    }
                    Instant available = dialect.getInstant(rs, "available_at");
                    boolean ready = "PENDING".equals(rs.getString("status")) && !available.isAfter(now);
                    if (ready) {
                        followers.add(rows.read(rs));
                    } else {
                        stopped.add(key); // a later message must not overtake this one
                    }
                }
            }
        }
        return followers;
    }

    /**
     * Records a publish round and commits the claim's transaction: delivered rows are deleted (or
     * marked for retention), failed ones get their attempt, backoff or dead status, ones that found
     * the broker unavailable get their error and are due again after {@code initialBackoff} with no
     * attempt counted, and rows not attempted are left as they were.
     */
    void complete(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        List<Long> delivered = new ArrayList<>();
        List<Outcome> failed = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.kind()) {
                case DELIVERED -> delivered.add(o.message().seq());
                case FAILED, UNAVAILABLE -> failed.add(o);
                case NOT_ATTEMPTED -> { }
            }
        }
        try {
            if (!delivered.isEmpty()) {
                deliveredMarker.mark(c, delivered, now);
            }
            markFailed(c, failed, now);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            LocalConnections.rollbackAfter(c, e);
            throw e;
        } finally {
            resetSessionIdleTimeout(c);
        }
    }

    /**
     * Undoes a session's idle timeout once the claim's transaction ended, so the pooled connection
     * carries none to other code. A connection the database closed for being idle fails here, and
     * is one the pool drops.
     */
    private void resetSessionIdleTimeout(Connection c) {
        if (sessionIdleTimeoutReset == null) {
            return;
        }
        try {
            execute(c, sessionIdleTimeoutReset);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Cannot reset the relay connection's idle timeout: " + e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void markFailed(Connection c, List<Outcome> failed, Instant now) throws SQLException {
        if (failed.isEmpty()) {
            return;
        }
        String sql = "UPDATE " + table + " SET attempts = ?, status = ?, available_at = ?, last_error = ?"
                + " WHERE seq = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Outcome o : failed) {
                // An outage is not the message's fault: it costs no attempt, and the message is due
                // again as soon as the relay probes the broker (the relay pauses as a whole meanwhile).
                boolean counted = o.kind() == Outcome.Kind.FAILED;
                int attempts = o.message().previousAttempts() + (counted ? 1 : 0);
                boolean dead = counted && attempts >= settings.maxAttempts();
                ps.setInt(1, attempts);
                ps.setString(2, dead ? "DEAD" : "PENDING");
                dialect.setInstant(ps, 3, dead ? now
                        : now.plus(counted ? settings.backoff().delayAfter(attempts) : settings.backoff().initial()));
                ps.setString(4, o.error());
                ps.setLong(5, o.message().seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.DeadMessagePolicy;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.claim.ClaimQuery;
import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The relay's SQL: claiming batches in key order and recording what became of them.
 *
 * <p>A batch is claimed in a local transaction that stays open while the batch is published, and
 * its outcome is recorded and committed in the same transaction: the claimed rows stay locked
 * until then, with no lease written. A relay that dies loses its connection, the database rolls
 * the transaction back, and the rows are free again at once (on PostgreSQL the transaction is also
 * ended when it sits idle longer than {@link OutboxSettings#leaseDuration()}).
 *
 * <p>How a batch is claimed, so that a key's messages are published in order by any number of
 * relays: a message is a <em>head</em> when no earlier message of its key is still waiting (pending,
 * or dead under {@link DeadMessagePolicy#HOLD_KEY}). Due heads are locked with {@code SKIP LOCKED};
 * then, for the keys of the locked heads, the messages that follow them are added while they are
 * due, in order, up to the batch size. Another relay can never claim a follower: until this
 * relay's transaction commits, the head still exists for everyone else, so the follower is not a
 * head; when it commits, head and follower are both recorded.
 */
final class RelayStore {

    /** Heads read per claim, in batches, where heads are found before they are locked. */
    private static final int CANDIDATE_BATCHES = 4;
    private static final int MAX_CANDIDATES = 2_000;

    private static final String COLUMNS = "m.seq, m.id, m.topic, m.msg_key, m.msg_type, m.content_type, m.payload,"
            + " m.headers, m.created_at, m.attempts";

    private final SqlDialect dialect;
    private final TableName table;
    private final OutboxSettings settings;
    private final JsonCodec json;
    private final String setup;
    /** The setup of a search from the start, which also has the claim's statements planned anew. */
    private final String fullSearchSetup;
    private final String headCondition;
    /** Locks a batch of heads, with has_next (one-step dialects). */
    private final String lockHeadsQuery;
    /** Finds candidate heads, with has_next, by a plain read (two-step dialects). */
    private final String findHeadsQuery;

    RelayStore(SqlDialect dialect, OutboxSettings settings, JsonCodec json) {
        this.dialect = dialect;
        this.table = settings.table();
        this.settings = settings;
        this.json = json;
        // The commit waits for the disk: a record lost in a database crash would let a later message
        // of a key be published before the repeat of an earlier one.
        this.setup = ClaimQuery.setup(dialect.claimTransactionSetup(),
                dialect.idleTransactionTimeout(settings.leaseDuration()));
        this.fullSearchSetup = ClaimQuery.setup(setup, dialect.discardCachedPlans());
        this.headCondition = "m.seq >= ? AND m.status = 'PENDING' AND m.available_at <= ?"
                + " AND (m.msg_key IS NULL OR NOT EXISTS (SELECT 1 FROM " + table + " e WHERE e.msg_key = m.msg_key"
                + " AND e.seq < m.seq AND " + waitingStatus("e") + "))";
        this.lockHeadsQuery = dialect.locksInCommonTableExpressions()
                // Whether a follower exists is asked of the locked heads only, not of every row the
                // claim reads (rows another relay holds are read and skipped).
                ? "WITH m AS (" + dialect.selectForUpdateSkipLocked(COLUMNS, table + " m", headCondition, "m.seq",
                        settings.batchSize()) + ") SELECT m.*, " + hasNext("m") + " FROM m"
                : dialect.selectForUpdateSkipLocked(COLUMNS + ", " + hasNext("m"), table + " m", headCondition,
                        "m.seq", settings.batchSize());
        // has_next is read by the plain read: in the locking statement its subquery would lock (or
        // skip) rows too, and locks taken on other relays' rows end in deadlocks.
        this.findHeadsQuery = "SELECT m.seq, " + hasNext("m") + " FROM " + table + " m WHERE " + headCondition
                + " ORDER BY m.seq";
    }

    /** @return the column {@code has_next}: 1 when a pending message of the row's key follows it */
    private String hasNext(String alias) {
        return "CASE WHEN " + alias + ".msg_key IS NOT NULL AND EXISTS (SELECT 1 FROM " + table + " f"
                + " WHERE f.msg_key = " + alias + ".msg_key AND f.seq > " + alias + ".seq AND f.status = 'PENDING')"
                + " THEN 1 ELSE 0 END AS has_next";
    }

    /** The statuses that hold up later messages of the same key. */
    private String waitingStatus(String alias) {
        return settings.deadMessagePolicy() == DeadMessagePolicy.HOLD_KEY
                ? alias + ".status IN ('PENDING', 'DEAD')" : alias + ".status = 'PENDING'";
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
            List<Head> heads = dialect.skipsLockedRowsInSubqueries()
                    ? lockHeadsInTwoSteps(c, now, floor, batchSize) : lockHeads(c, now, floor, batchSize);
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
            return batch;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    private List<Head> lockHeads(Connection c, Instant now, long floor, int batchSize) throws SQLException {
        List<Head> heads = ClaimQuery.run(c, dialect, setupFor(floor), lockHeadsQuery, batchSize,
                ps -> bindHeadCondition(ps, floor, now), this::head);
        heads.sort((a, b) -> Long.compare(a.message().seq(), b.message().seq()));
        return heads;
    }

    /**
     * Where {@code SKIP LOCKED} would also skip another relay's locked head inside the head test,
     * the heads are found by a plain read first (which sees that head), then locked by key. The
     * plain read cannot pass over heads other relays hold, so it reads several batches' worth, and
     * a relay finds unheld heads behind the ones another relay has just taken.
     */
    private List<Head> lockHeadsInTwoSteps(Connection c, Instant now, long floor, int batchSize)
            throws SQLException {
        int candidates = Math.min(batchSize * CANDIDATE_BATCHES, MAX_CANDIDATES);
        Map<Long, Boolean> hasNextBySeq = new LinkedHashMap<>();
        for (Map.Entry<Long, Boolean> e : ClaimQuery.run(c, dialect, setupFor(floor), findHeadsQuery, candidates,
                ps -> bindHeadCondition(ps, floor, now), rs -> Map.entry(rs.getLong(1), rs.getInt(2) == 1))) {
            hasNextBySeq.put(e.getKey(), e.getValue());
        }
        if (hasNextBySeq.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(hasNextBySeq.keySet());
        String lock = dialect.selectForUpdateSkipLocked(COLUMNS, dialect.byPrimaryKey(table + " m"),
                dialect.inKeys("m.seq", seqs.size())
                + " AND m.status = 'PENDING' AND m.available_at <= ?", "m.seq", batchSize);
        List<ClaimedMessage> locked = ClaimQuery.run(c, dialect, null, lock, batchSize,
                ps -> dialect.setInstant(ps, dialect.bindKeys(ps, 1, seqs), now), this::read);
        List<Head> heads = new ArrayList<>(locked.size());
        for (ClaimedMessage m : locked) {
            heads.add(new Head(m, hasNextBySeq.get(m.seq())));
        }
        return heads;
    }

    private String setupFor(long floor) {
        return floor == ScanFloor.FROM_START ? fullSearchSetup : setup;
    }

    private void bindHeadCondition(PreparedStatement ps, long floor, Instant now) throws SQLException {
        ps.setLong(1, floor);
        dialect.setInstant(ps, 2, now);
    }

    /** The due messages that follow the given heads of their keys, in order, up to {@code room}. */
    private List<ClaimedMessage> followers(Connection c, Map<String, Long> headSeqByKey, Instant now, int room)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + ", m.status, m.available_at FROM " + table + " m"
                + " WHERE m.msg_key IN " + InList.placeholders(headSeqByKey.size()) + " AND " + waitingStatus("m")
                + " ORDER BY m.seq";
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
                        followers.add(read(rs));
                    } else {
                        stopped.add(key); // a later message must not overtake this one
                    }
                }
            }
        }
        return followers;
    }

    private Head head(ResultSet rs) throws SQLException {
        return new Head(read(rs), rs.getInt("has_next") == 1);
    }

    private ClaimedMessage read(ResultSet rs) throws SQLException {
        int attempts = rs.getInt("attempts");
        OutgoingMessage message = new OutgoingMessage(
                UUID.fromString(rs.getString("id")),
                rs.getLong("seq"),
                rs.getString("topic"),
                rs.getString("msg_key"),
                rs.getString("msg_type"),
                rs.getString("content_type"),
                rs.getBytes("payload"),
                json.headersFromText(rs.getString("headers")),
                dialect.getInstant(rs, "created_at"),
                attempts + 1);
        return new ClaimedMessage(message, attempts);
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
            markDelivered(c, delivered, now);
            markFailed(c, failed, now);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    private void markDelivered(Connection c, List<Long> seqs, Instant now) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        boolean keep = !settings.retention().isZero();
        boolean together = dialect.bindsKeysAsArray();
        String which = together ? dialect.inKeys("seq", seqs.size()) : "seq = ?";
        String sql = keep
                ? "UPDATE " + table + " SET status = 'DELIVERED', delivered_at = ? WHERE " + which
                : "DELETE FROM " + table + " WHERE " + which;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int first = 1;
            if (keep) {
                dialect.setInstant(ps, first++, now);
            }
            if (together) {
                dialect.bindKeys(ps, first, seqs);
                ps.executeUpdate();
                return;
            }
            // One row per statement (batched): a long IN list can be planned as a scan, which on
            // MariaDB would lock rows other relays hold and deadlock with them.
            for (Long seq : seqs) {
                ps.setLong(first, seq);
                ps.addBatch();
            }
            ps.executeBatch();
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

    /** A claimed head and whether a pending message of its key follows it. */
    private record Head(ClaimedMessage message, boolean hasNext) {
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

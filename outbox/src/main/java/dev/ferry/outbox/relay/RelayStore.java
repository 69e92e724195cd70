package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.DeadMessagePolicy;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.claim.LeaseClaimer;
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
 * <p>How a batch is claimed, so that a key's messages are published in order by any number of
 * relays: a message is a <em>head</em> when no earlier message of its key is still waiting (pending,
 * or dead under {@link DeadMessagePolicy#HOLD_KEY}). Heads that are due and not leased are locked
 * with {@code SKIP LOCKED}; then, for the keys of the locked heads, the messages that follow them
 * are added while they are due and unleased, in order, up to the batch size. All of them get this
 * relay's lease in the same short transaction. Another relay can never claim a follower: while the
 * head exists the follower is not a head, and once the head is gone the follower is leased.
 */
final class RelayStore {

    private static final String COLUMNS = "m.seq, m.id, m.topic, m.msg_key, m.msg_type, m.content_type, m.payload,"
            + " m.headers, m.created_at, m.attempts";

    private final SqlDialect dialect;
    private final TableName table;
    private final OutboxSettings settings;
    private final JsonCodec json;
    private final LeaseClaimer claimer;
    private final String headCondition;

    RelayStore(SqlDialect dialect, OutboxSettings settings, JsonCodec json) {
        this.dialect = dialect;
        this.table = settings.table();
        this.settings = settings;
        this.json = json;
        this.claimer = new LeaseClaimer(dialect, table, "seq");
        this.headCondition = "m.status = 'PENDING' AND m.available_at <= ? AND " + LeaseClaimer.unleased("m")
                + " AND (m.msg_key IS NULL OR NOT EXISTS (SELECT 1 FROM " + table + " e WHERE e.msg_key = m.msg_key"
                + " AND e.seq < m.seq AND " + waitingStatus("e") + "))";
    }

    /** The statuses that hold up later messages of the same key. */
    private String waitingStatus(String alias) {
        return settings.deadMessagePolicy() == DeadMessagePolicy.HOLD_KEY
                ? alias + ".status IN ('PENDING', 'DEAD')" : alias + ".status = 'PENDING'";
    }

    /**
     * Claims a batch in one local transaction on {@code c} (auto-commit off).
     *
     * @return the claimed messages in write order, possibly empty
     */
    List<ClaimedMessage> claim(Connection c, String owner, Instant now, int batchSize) throws SQLException {
        try {
            List<ClaimedMessage> heads = claimer.lockCandidates(c, COLUMNS, "m", headCondition, ps -> {
                dialect.setInstant(ps, 1, now);
                dialect.setInstant(ps, 2, now);
            }, "m.seq", batchSize, this::read);
            if (heads.isEmpty()) {
                c.commit();
                return heads;
            }
            List<ClaimedMessage> batch = new ArrayList<>(batchSize);
            batch.addAll(heads);
            if (heads.size() < batchSize) {
                batch.addAll(followers(c, heads, now, batchSize - heads.size()));
                batch.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            }
            List<Long> seqs = new ArrayList<>(batch.size());
            for (ClaimedMessage m : batch) {
                seqs.add(m.seq());
            }
            claimer.lease(c, seqs, owner, now.plus(settings.leaseDuration()));
            c.commit();
            return batch;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    private List<ClaimedMessage> followers(Connection c, List<ClaimedMessage> heads, Instant now, int room)
            throws SQLException {
        Map<String, Long> headSeqByKey = new LinkedHashMap<>();
        for (ClaimedMessage h : heads) {
            if (h.key() != null) {
                headSeqByKey.put(h.key(), h.seq());
            }
        }
        if (headSeqByKey.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + ", m.status, m.available_at, m.lease_until FROM " + table + " m"
                + " WHERE m.msg_key IN " + InList.placeholders(headSeqByKey.size()) + " AND " + waitingStatus("m")
                + " ORDER BY m.seq";
        List<ClaimedMessage> followers = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(room + heads.size() * 2);
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
                    Instant leaseUntil = dialect.getInstant(rs, "lease_until");
                    boolean ready = "PENDING".equals(rs.getString("status")) && !available.isAfter(now)
                            && (leaseUntil == null || leaseUntil.isBefore(now));
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
     * Records a publish round in one local transaction: delivered rows are deleted (or marked for
     * retention), failed ones get their attempt, backoff or dead status, and the rest are released.
     * Every change is fenced by the lease owner, so a relay whose lease expired changes nothing.
     */
    void complete(Connection c, String owner, List<Outcome> outcomes, Instant now) throws SQLException {
        List<Long> delivered = new ArrayList<>();
        List<Long> notAttempted = new ArrayList<>();
        List<Outcome> failed = new ArrayList<>();
        for (Outcome o : outcomes) {
            switch (o.kind()) {
                case DELIVERED -> delivered.add(o.message().seq());
                case NOT_ATTEMPTED -> notAttempted.add(o.message().seq());
                case FAILED -> failed.add(o);
            }
        }
        try {
            markDelivered(c, owner, delivered, now);
            claimer.release(c, notAttempted, owner);
            markFailed(c, owner, failed, now);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    private void markDelivered(Connection c, String owner, List<Long> seqs, Instant now) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        boolean keep = !settings.retention().isZero();
        String sql = keep
                ? "UPDATE " + table + " SET status = 'DELIVERED', delivered_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE lease_owner = ? AND seq IN " + InList.placeholders(seqs.size())
                : "DELETE FROM " + table + " WHERE lease_owner = ? AND seq IN " + InList.placeholders(seqs.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (keep) {
                dialect.setInstant(ps, i++, now);
            }
            ps.setString(i++, owner);
            InList.bind(ps, i, seqs);
            ps.executeUpdate();
        }
    }

    private void markFailed(Connection c, String owner, List<Outcome> failed, Instant now) throws SQLException {
        if (failed.isEmpty()) {
            return;
        }
        String sql = "UPDATE " + table + " SET attempts = ?, status = ?, available_at = ?, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE seq = ? AND lease_owner = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Outcome o : failed) {
                int attempts = o.message().previousAttempts() + 1;
                boolean dead = attempts >= settings.maxAttempts();
                ps.setInt(1, attempts);
                ps.setString(2, dead ? "DEAD" : "PENDING");
                dialect.setInstant(ps, 3, dead ? now : now.plus(settings.backoffAfter(attempts)));
                ps.setString(4, o.error());
                ps.setLong(5, o.message().seq());
                ps.setString(6, owner);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Releases every lease of an owner (graceful stop). */
    void releaseAll(Connection c, String owner) throws SQLException {
        claimer.releaseAll(c, owner);
        c.commit();
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}

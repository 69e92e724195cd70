package dev.ferry.outbox.relay;

import dev.ferry.runtime.claim.ClaimQuery;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code SKIP LOCKED} would also skip another relay's locked head inside the head test
 * (MariaDB), the heads are found by a plain read first (which sees that head), then locked by key.
 * The plain read cannot pass over heads other relays hold, so it reads several batches' worth, and
 * a relay finds unheld heads behind the ones another relay has just taken.
 */
final class TwoStepHeadClaim implements HeadClaim {

    /** Heads read per claim, in batches, where heads are found before they are locked. */
    private static final int CANDIDATE_BATCHES = 4;
    private static final int MAX_CANDIDATES = 2_000;

    private final SqlDialect dialect;
    private final OutboxRows rows;
    private final int batchSize;
    /** Finds candidate heads, with has_next, by a plain read. */
    private final String findQuery;

    TwoStepHeadClaim(SqlDialect dialect, OutboxRows rows, int batchSize) {
        this.dialect = dialect;
        this.rows = rows;
        this.batchSize = batchSize;
        // has_next is read by the plain read: in the locking statement its subquery would lock (or
        // skip) rows too, and locks taken on other relays' rows end in deadlocks.
        this.findQuery = "SELECT m.seq, " + rows.hasNext("m") + " FROM " + rows.table() + " m WHERE "
                + rows.headCondition() + " ORDER BY m.seq";
    }

    @Override
    public List<Head> lock(Connection c, String setup, long floor, Instant now) throws SQLException {
        int candidates = Math.min(batchSize * CANDIDATE_BATCHES, MAX_CANDIDATES);
        Map<Long, Boolean> hasNextBySeq = new LinkedHashMap<>();
        for (Map.Entry<Long, Boolean> e : ClaimQuery.run(c, dialect, setup, findQuery, candidates,
                ps -> rows.bindHeadCondition(ps, floor, now), rs -> Map.entry(rs.getLong(1), rs.getInt(2) == 1))) {
            hasNextBySeq.put(e.getKey(), e.getValue());
        }
        if (hasNextBySeq.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(hasNextBySeq.keySet());
        String lock = dialect.selectForUpdateSkipLocked(OutboxRows.COLUMNS, dialect.byPrimaryKey(rows.table() + " m"),
                dialect.inKeys("m.seq", seqs.size())
                + " AND m.status = 'PENDING' AND m.available_at <= ?", "m.seq", batchSize);
        List<ClaimedMessage> locked = ClaimQuery.run(c, dialect, null, lock, batchSize,
                ps -> dialect.setInstant(ps, dialect.bindKeys(ps, 1, seqs), now), rows::read);
        List<Head> heads = new ArrayList<>(locked.size());
        for (ClaimedMessage m : locked) {
            heads.add(new Head(m, hasNextBySeq.get(m.seq())));
        }
        return heads;
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.runtime.claim.ClaimQuery;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Locks a batch of heads, with has_next, in one statement. It relies on the head test seeing a head
 * that another relay holds although the statement skips locked rows, so that the head's followers
 * are no heads here: true of every supported database but MariaDB (see {@link TwoStepHeadClaim}).
 */
final class OneStatementHeadClaim implements HeadClaim {

    private final SqlDialect dialect;
    private final OutboxRows rows;
    private final int batchSize;
    private final String query;

    OneStatementHeadClaim(SqlDialect dialect, OutboxRows rows, int batchSize) {
        this.dialect = dialect;
        this.rows = rows;
        this.batchSize = batchSize;
        String from = rows.table() + " m";
        this.query = dialect.locksInCommonTableExpressions()
                // Whether a follower exists is asked of the locked heads only, not of every row the
                // claim reads (rows another relay holds are read and skipped), and only when they
                // leave room for followers: a full batch of heads gets none, and asking would cost
                // an index lookup per head (a quarter of the server's CPU while draining a backlog).
                ? "WITH m AS (" + dialect.selectForUpdateSkipLocked(OutboxRows.COLUMNS, from, rows.headCondition(),
                        "m.seq", batchSize) + ") SELECT m.*, CASE WHEN (SELECT count(*) FROM m) < " + batchSize
                        + " THEN " + rows.hasNextValue("m") + " ELSE 0 END AS has_next FROM m"
                : dialect.selectForUpdateSkipLocked(OutboxRows.COLUMNS + ", " + rows.hasNext("m"), from,
                        rows.headCondition(), "m.seq", batchSize);
    }

    @Override
    public List<Head> lock(Connection c, String setup, long floor, Instant now) throws SQLException {
        List<Head> heads = ClaimQuery.run(c, dialect, setup, query, batchSize,
                ps -> rows.bindHeadCondition(ps, floor, now),
                rs -> new Head(rows.read(rs), rs.getInt(OutboxRows.COLUMN_COUNT + 1) == 1));
        heads.sort((a, b) -> Long.compare(a.message().seq(), b.message().seq()));
        return heads;
    }
}

package dev.ferry.saga.store;

import dev.ferry.runtime.claim.ClaimQuery;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * PostgreSQL: the dialect's claim setup, the locking select and the lease in one round trip
 * ({@code WITH … FOR UPDATE SKIP LOCKED} feeding an {@code UPDATE … RETURNING}), where the dialect
 * {@linkplain SqlDialect#supportsWritableCtes() supports writable CTEs}.
 */
final class OneStatementSagaClaim implements SagaClaim {

    /** Claim order: most overdue first. */
    private static final Comparator<SagaRow> CLAIM_ORDER = Comparator.comparing(SagaRow::nextRunAt)
            .thenComparingLong(SagaRow::seq);

    private final SqlDialect dialect;
    private final TableName table;
    private final SagaRows rows;

    OneStatementSagaClaim(SqlDialect dialect, TableName table, SagaRows rows) {
        this.dialect = dialect;
        this.table = table;
        this.rows = rows;
    }

    @Override
    public List<SagaRow> run(Connection c, DueSagas due, int limit, String owner, Duration lease)
            throws SQLException {
        String lock = dialect.selectForUpdateSkipLocked("seq", table.qualified(), due.condition(dialect), ORDER_BY,
                limit);
        String sql = "WITH c AS (" + lock + ") UPDATE " + table + " s SET lease_owner = ?, lease_until = "
                + dialect.currentTimestampPlus() + " FROM c"
                + " WHERE s.seq = c.seq RETURNING " + SagaRows.COLUMNS.replace("seq, ", "s.seq, ");
        List<SagaRow> claimed = ClaimQuery.run(c, dialect, dialect.claimTransactionSetup(), sql, limit, ps -> {
            int i = due.bind(ps, 1);
            ps.setString(i, owner);
            dialect.bindInterval(ps, i + 1, lease);
        }, rows);
        claimed.sort(CLAIM_ORDER);
        return claimed;
    }
}

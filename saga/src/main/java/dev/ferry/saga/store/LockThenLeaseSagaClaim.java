package dev.ferry.saga.store;

import dev.ferry.runtime.claim.LeaseClaimer;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims in two statements where an update cannot be fed by a locking select (all but PostgreSQL):
 * locks due sagas with {@code SKIP LOCKED} or its equivalent, then writes the lease on those locked.
 */
final class LockThenLeaseSagaClaim implements SagaClaim {

    private final SqlDialect dialect;
    private final LeaseClaimer claimer;
    private final SagaRows rows;

    LockThenLeaseSagaClaim(SqlDialect dialect, LeaseClaimer claimer, SagaRows rows) {
        this.dialect = dialect;
        this.claimer = claimer;
        this.rows = rows;
    }

    @Override
    public List<SagaRow> run(Connection c, DueSagas due, int limit, String owner, Duration lease)
            throws SQLException {
        List<SagaRow> claimed = claimer.lockCandidates(c, SagaRows.COLUMNS, null, due.condition(dialect),
                ps -> due.bind(ps, 1), ORDER_BY, limit, rows);
        if (!claimed.isEmpty()) {
            List<Long> keys = new ArrayList<>(claimed.size());
            claimed.forEach(r -> keys.add(r.seq()));
            claimer.lease(c, keys, owner, lease);
        }
        return claimed;
    }
}

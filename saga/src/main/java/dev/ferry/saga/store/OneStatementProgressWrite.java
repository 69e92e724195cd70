package dev.ferry.saga.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * PostgreSQL: a change with one step log entry is one statement (one round trip):
 * {@code WITH u AS (UPDATE … RETURNING) INSERT INTO <step log> … SELECT … FROM u}, so the entry is
 * inserted only if the fenced update applied. Changes with other entry counts are written as
 * separate statements.
 */
final class OneStatementProgressWrite implements ProgressWrite {

    private final SagaStore store;
    private final StepLog stepLog;
    private final ProgressWrite otherEntryCounts;
    private final String fencedOneEntry;
    private final String unfencedOneEntry;

    OneStatementProgressWrite(SagaStore store, StepLog stepLog, ProgressWrite otherEntryCounts) {
        this.store = store;
        this.stepLog = stepLog;
        this.otherEntryCounts = otherEntryCounts;
        this.fencedOneEntry = oneEntrySql(store.updateSql(true));
        this.unfencedOneEntry = oneEntrySql(store.updateSql(false));
    }

    private String oneEntrySql(String update) {
        return "WITH u AS (" + update + " RETURNING seq) INSERT INTO " + stepLog.table() + " (" + StepLog.COLUMNS
                + ") SELECT " + StepLog.PLACEHOLDERS + " FROM u";
    }

    @Override
    public boolean write(Connection c, SagaRow from, SagaUpdate to, String fenceOwner, Duration lease,
                         Instant now) throws SQLException {
        if (to.history().size() != 1) {
            return otherEntryCounts.write(c, from, to, fenceOwner, lease, now);
        }
        try (PreparedStatement ps = c.prepareStatement(fenceOwner != null ? fencedOneEntry : unfencedOneEntry)) {
            int next = store.bindUpdate(ps, 1, from, to, fenceOwner, lease, now);
            stepLog.bind(ps, next, from.id(), to.history().get(0));
            return ps.executeUpdate() == 1;
        }
    }
}

package dev.ferry.saga.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Writes the change, then, only if it applied, its step log entries: separate statements. */
final class SeparateStatementsProgressWrite implements ProgressWrite {

    private final SagaStore store;
    private final StepLog stepLog;

    SeparateStatementsProgressWrite(SagaStore store, StepLog stepLog) {
        this.store = store;
        this.stepLog = stepLog;
    }

    @Override
    public boolean write(Connection c, SagaRow from, SagaUpdate to, String fenceOwner, Duration lease,
                         Instant now) throws SQLException {
        if (!store.update(c, from, to, fenceOwner, lease, now)) {
            return false;
        }
        stepLog.append(c, from.id(), to.history());
        return true;
    }
}

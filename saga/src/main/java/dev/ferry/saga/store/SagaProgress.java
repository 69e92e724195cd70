package dev.ferry.saga.store;

import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a saga's change together with the step log entries it records, in the caller's
 * transaction. The change is fenced like {@link SagaStore#update}: the entries are written only if
 * it applied. On PostgreSQL a change with one entry is one statement (one round trip):
 * {@code WITH u AS (UPDATE … RETURNING) INSERT INTO <step log> … SELECT … FROM u}; elsewhere, and
 * for other entry counts, the update and the inserts are separate statements.
 */
public final class SagaProgress {

    private final ProgressWrite progressWrite;

    /**
     * @param dialect the database's dialect
     * @param store the instance table's SQL
     * @param stepLog the step log's SQL
     */
    public SagaProgress(SqlDialect dialect, SagaStore store, StepLog stepLog) {
        ProgressWrite separate = new SeparateStatementsProgressWrite(store, stepLog);
        this.progressWrite = dialect.supportsWritableCtes()
                ? new OneStatementProgressWrite(store, stepLog, separate)
                : separate;
    }

    /**
     * @param c the connection
     * @param from the row as read
     * @param to the change and its entries
     * @param fenceOwner the worker that must hold the lease, or null for an operator's change
     * @param lease how long the renewed lease lasts, from the database's time, when the change holds it
     * @param now the time
     * @return whether the change applied (false: someone else changed the saga first; nothing was written)
     * @throws SQLException from the driver
     */
    public boolean write(Connection c, SagaRow from, SagaUpdate to, String fenceOwner, Duration lease,
                         Instant now) throws SQLException {
        return progressWrite.write(c, from, to, fenceOwner, lease, now);
    }
}

package dev.ferry.saga.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * How {@link SagaProgress} writes a saga's change with its step log entries, which differs by
 * database: as one statement where it can ({@link OneStatementProgressWrite}), else as separate
 * statements ({@link SeparateStatementsProgressWrite}). {@link SagaProgress} chooses one from the
 * dialect when it is made.
 */
sealed interface ProgressWrite permits OneStatementProgressWrite, SeparateStatementsProgressWrite {

    /**
     * @param c the connection
     * @param from the row as read
     * @param to the change and its entries
     * @param fenceOwner the worker that must hold the lease, or null for an operator's change
     * @param lease how long the renewed lease lasts, from the database's time, when the change holds it
     * @param now the time
     * @return whether the change applied (false: nothing was written)
     * @throws SQLException from the driver
     */
    boolean write(Connection c, SagaRow from, SagaUpdate to, String fenceOwner, Duration lease, Instant now)
            throws SQLException;
}

package dev.ferry.saga.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * How a worker's claim locks due sagas and leases them to it, which differs by database: in one
 * statement ({@link OneStatementSagaClaim}) or in two ({@link LockThenLeaseSagaClaim}).
 * {@link SagaStore} chooses one from the dialect when it is made.
 */
sealed interface SagaClaim permits OneStatementSagaClaim, LockThenLeaseSagaClaim {

    /** The claim order: most overdue first. */
    String ORDER_BY = "next_run_at, seq";

    /**
     * Claims sagas that no other worker has locked, as the first work of the caller's transaction;
     * the caller commits.
     *
     * @param c a non-JTA connection with auto-commit off
     * @param due the sagas that may be claimed
     * @param limit at most this many
     * @param owner the worker's id
     * @param lease how long the lease lasts, from the database's current time
     * @return the claimed sagas, most overdue first
     * @throws SQLException from the driver
     */
    List<SagaRow> run(Connection c, DueSagas due, int limit, String owner, Duration lease) throws SQLException;
}

package dev.ferry.outbox.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * How a claim locks its due heads (see {@link RelayStore}), which differs by database: in one
 * statement ({@link OneStatementHeadClaim}), or found by a plain read and then locked by key
 * ({@link TwoStepHeadClaim}). {@link RelayStore} chooses one from the dialect when it is made.
 */
sealed interface HeadClaim permits OneStatementHeadClaim, TwoStepHeadClaim {

    /**
     * Locks due heads, passing over rows other relays hold, as the first work of the claim's
     * transaction.
     *
     * @param c a connection with auto-commit off, at the start of a transaction
     * @param setup statements run first ({@code ;}-separated), or null for none
     * @param floor the lowest sequence number to look at
     * @param now the time
     * @return at most a batch of locked heads, in sequence order
     * @throws SQLException from the driver
     */
    List<Head> lock(Connection c, String setup, long floor, Instant now) throws SQLException;

    /**
     * A claimed head and whether a pending message of its key follows it.
     *
     * @param message the head
     * @param hasNext whether a pending message of its key follows it; may be false for every head of
     *     a full batch, which has no room for followers
     */
    record Head(ClaimedMessage message, boolean hasNext) {
    }
}

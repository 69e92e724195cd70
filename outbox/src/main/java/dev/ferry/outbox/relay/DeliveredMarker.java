package dev.ferry.outbox.relay;

import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Records delivered messages in the claim's transaction: deletes their rows, or marks them
 * {@code DELIVERED} when delivered rows are retained. Whether all keys go in one statement differs
 * by database; {@link RelayStore} chooses from the dialect when it is made.
 */
sealed interface DeliveredMarker permits KeyArrayDeliveredMarker, PerKeyDeliveredMarker {

    /**
     * @param c the claim's connection
     * @param seqs the delivered messages' sequence numbers, at least one
     * @param now the time, recorded as the delivery time of retained rows
     * @throws SQLException from the driver
     */
    void mark(Connection c, List<Long> seqs, Instant now) throws SQLException;

    /**
     * @param table the outbox table
     * @param retained whether delivered rows are kept (then the delivery time is the first parameter)
     * @param which the rows' condition
     * @return the update or delete
     */
    static String statement(TableName table, boolean retained, String which) {
        return retained
                ? "UPDATE " + table + " SET status = 'DELIVERED', delivered_at = ? WHERE " + which
                : "DELETE FROM " + table + " WHERE " + which;
    }
}

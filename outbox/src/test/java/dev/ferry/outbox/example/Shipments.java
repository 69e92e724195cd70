package dev.ferry.outbox.example;

import java.sql.SQLException;

/** What receiving an order message does: writes the shipment through the JTA data source. */
@FunctionalInterface
public interface Shipments {

    /**
     * @param order the message's payload
     * @throws SQLException if the write fails; the transaction then rolls back, inbox record included
     */
    void ship(byte[] order) throws SQLException;
}

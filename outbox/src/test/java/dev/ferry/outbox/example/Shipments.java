package dev.ferry.outbox.example;

import java.sql.SQLException;

/** The consumer examples' business effect: what receiving an order message does, in the database. */
@FunctionalInterface
public interface Shipments {

    /**
     * Writes the shipment for an order, through the JTA data source (so it joins the transaction).
     *
     * @param order the message's payload
     * @throws SQLException if the write fails; the transaction then rolls back, inbox record included
     */
    void ship(byte[] order) throws SQLException;
}

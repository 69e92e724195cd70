package dev.ferry.outbox;

import java.util.List;
import java.util.UUID;

/** Operator actions on the outbox: inspect and replay or discard dead messages. */
public interface OutboxAdmin {

    /**
     * @param limit at most this many, oldest first
     * @return dead messages in write order
     * @throws OutboxStoreException if the database failed
     */
    List<DeadMessage> deadMessages(int limit);

    /**
     * Makes a dead message pending again with a fresh attempt count; it keeps its place in its
     * key's order.
     *
     * @param id the message id
     * @return whether a dead message with that id existed
     * @throws OutboxStoreException if the database failed
     */
    boolean replay(UUID id);

    /**
     * Replays every dead message.
     *
     * @return how many were replayed
     * @throws OutboxStoreException if the database failed
     */
    int replayAll();

    /**
     * Deletes a dead message for good; later messages of its key are no longer held up by it.
     *
     * @param id the message id
     * @return whether a dead message with that id existed
     * @throws OutboxStoreException if the database failed
     */
    boolean discard(UUID id);

    /**
     * @return how many messages are waiting to be published (not delivered, not dead)
     * @throws OutboxStoreException if the database failed
     */
    long pendingCount();
}

package dev.ferry.outbox;

import java.util.List;
import java.util.UUID;

/**
 * Operator actions on the outbox: inspect and replay or discard dead messages.
 *
 * <p>Every method joins the caller's JTA transaction when there is one: a replay or a discard then
 * takes effect if and only if that transaction commits (the relay is woken after the commit), and a
 * read sees the transaction's own writes. Without a transaction each call runs in a short local
 * transaction of its own.
 */
public interface OutboxAdmin {

    /**
     * @param limit at most this many, oldest first
     * @return dead messages in write order: the first page of {@link #deadMessages(int, String)}
     * @throws IllegalArgumentException if the limit is less than 1
     * @throws OutboxStoreException if the database failed
     */
    List<DeadMessage> deadMessages(int limit);

    /**
     * Lists dead messages a page at a time, in write order. Pages are keyset pages: every message that
     * stays dead while an operator pages appears exactly once, however many are replayed, discarded or
     * added meanwhile.
     *
     * <pre>{@code
     * DeadMessagePage page = admin.deadMessages(100, null);
     * while (page.nextCursor().isPresent()) {
     *     page = admin.deadMessages(100, page.nextCursor().get());
     * }
     * }</pre>
     *
     * @param limit at most this many per page, 1 to 1000
     * @param cursor the {@link DeadMessagePage#nextCursor()} of the previous page, or null for the first
     * @return the page, with the cursor of the next one unless it is the last
     * @throws IllegalArgumentException if the limit is out of range or the cursor is not a dead-message cursor
     * @throws OutboxStoreException if the database failed
     */
    DeadMessagePage deadMessages(int limit, String cursor);

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

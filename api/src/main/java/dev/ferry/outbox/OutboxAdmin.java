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
 *
 * <p>Every replay and discard writes an audit entry in the same transaction: the action, the actor,
 * the reason and the time ({@link #audit(int, String)}). The actor is the caller's principal in a
 * Jakarta EE container ({@code "anonymous"} without one), and in Java SE the name given to
 * {@link #withActor(String)} ({@code "anonymous"} without one).
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
     * Lists the dead messages of one topic, or of one key, a page at a time, in write order: as
     * {@link #deadMessages(int, String)}, with conditions.
     *
     * @param limit at most this many per page, 1 to 1000
     * @param cursor the {@link DeadMessagePage#nextCursor()} of the previous page, or null for the first
     * @param topic only messages of this topic, or null for any
     * @param key only messages with this key, or null for any
     * @return the page, with the cursor of the next one unless it is the last
     * @throws IllegalArgumentException if the limit is out of range or the cursor is not a dead-message cursor
     * @throws OutboxStoreException if the database failed
     */
    DeadMessagePage deadMessages(int limit, String cursor, String topic, String key);

    /**
     * Makes a dead message pending again with a fresh attempt count; it keeps its place in its
     * key's order. Audited without a reason.
     *
     * @param id the message id
     * @return whether a dead message with that id existed
     * @throws OutboxStoreException if the database failed
     */
    boolean replay(UUID id);

    /**
     * Makes a dead message pending again with a fresh attempt count, recording why.
     *
     * @param id the message id
     * @param reason why, kept in the audit entry (at most 2000 characters), or null
     * @return whether a dead message with that id existed
     * @throws OutboxStoreException if the database failed
     */
    boolean replay(UUID id, String reason);

    /**
     * Replays every dead message of one topic, recording why.
     *
     * @param topic the topic
     * @param reason why, kept in the audit entry, or null
     * @return how many were replayed
     * @throws IllegalArgumentException if the topic is null or blank
     * @throws OutboxStoreException if the database failed
     */
    int replayTopic(String topic, String reason);

    /**
     * Replays every dead message, recording why.
     *
     * @param reason why, kept in the audit entry, or null
     * @return how many were replayed
     * @throws OutboxStoreException if the database failed
     */
    int replayAll(String reason);

    /**
     * Deletes a dead message for good, recording why.
     *
     * @param id the message id
     * @param reason why, kept in the audit entry, or null
     * @return whether a dead message with that id existed
     * @throws OutboxStoreException if the database failed
     */
    boolean discard(UUID id, String reason);

    /**
     * Lists the audit entries of the replays and discards, newest first, a page at a time.
     *
     * @param limit at most this many per page, 1 to 1000
     * @param cursor the {@link OutboxAuditPage#nextCursor()} of the previous page, or null for the first
     * @return the page
     * @throws IllegalArgumentException if the limit is out of range or the cursor is not an audit cursor
     * @throws OutboxStoreException if the database failed
     */
    OutboxAuditPage audit(int limit, String cursor);

    /**
     * An admin whose actions record the given actor in their audit entries: in Java SE, where no
     * container knows the caller, or where the caller's principal is known another way.
     *
     * @param actor who acts (at most 200 characters)
     * @return an admin sharing this one's engine
     * @throws IllegalArgumentException if the actor is blank or longer than 200 characters
     */
    OutboxAdmin withActor(String actor);

    /**
     * Replays every dead message. Audited without a reason.
     *
     * @return how many were replayed
     * @throws OutboxStoreException if the database failed
     */
    int replayAll();

    /**
     * Deletes a dead message for good; later messages of its key are no longer held up by it. Audited
     * without a reason.
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

package dev.ferry.inbox;

import java.util.UUID;

/**
 * Idempotent receiving: runs a message's effect at most once per message id, whatever the number
 * of deliveries.
 *
 * <p>Brokers deliver at least once, and so does Ferry's relay. {@code receive} records the message
 * id in the inbox table <em>in the caller's JTA transaction</em>, and runs the handler only if the
 * id was not recorded before. The record and the handler's database writes commit or roll back
 * together, so a redelivered message has no second effect, and a message whose transaction rolled
 * back is handled again when it comes back.
 *
 * <pre>{@code
 * @Inject Inbox inbox;
 *
 * @Transactional
 * public void onMessage(Message message) throws JMSException {
 *     inbox.receive(JmsInbound.messageId(message), () -> applyPayment(message.getBody(String.class)));
 * }
 * }</pre>
 *
 * <p>Two deliveries of the same id racing in two transactions: the second waits for the first
 * (the id is a unique key) and, once that one commits, finds the id and skips its handler.
 */
public interface Inbox {

    /** Longest message id accepted, in characters. */
    int MAX_ID_LENGTH = 255;

    /**
     * Runs {@code handler} if, and only if, no committed transaction received {@code messageId}
     * before, and records the id in the caller's transaction.
     *
     * @param messageId the id the sender de-duplicates on (Ferry's {@code ferry-message-id} header);
     *     not blank, at most {@value #MAX_ID_LENGTH} characters
     * @param handler the message's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false if the message was a duplicate and nothing ran
     * @throws E the handler's exception, after the transaction was marked for rollback
     * @throws IllegalStateException if no JTA transaction is active
     * @throws InboxStoreException if the database could not record the id
     */
    <E extends Exception> boolean receive(String messageId, InboxHandler<E> handler) throws E;

    /**
     * {@link #receive(String, InboxHandler)} for a Ferry message id.
     *
     * @param messageId the message id
     * @param handler the message's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false for a duplicate
     * @throws E the handler's exception, after the transaction was marked for rollback
     */
    default <E extends Exception> boolean receive(UUID messageId, InboxHandler<E> handler) throws E {
        if (messageId == null) {
            throw new IllegalArgumentException("Inbox.receive needs a message id, got null");
        }
        return receive(messageId.toString(), handler);
    }
}

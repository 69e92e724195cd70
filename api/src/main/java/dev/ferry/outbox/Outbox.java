package dev.ferry.outbox;

import java.util.UUID;

/**
 * Writes messages to the transactional outbox.
 *
 * <p>Every call joins the caller's JTA transaction: the message is stored if and only if that
 * transaction commits, together with the caller's business rows. After the commit a relay publishes
 * it, at least once, and messages with the same {@linkplain OutboxMessage#key() key} in the order
 * they were written.
 *
 * <p>Calling {@code publish} without an active JTA transaction throws {@link IllegalStateException}:
 * an outbox write outside a transaction would defeat its purpose.
 *
 * <pre>{@code
 * @Inject Outbox outbox;
 *
 * @Transactional
 * public void placeOrder(Order order) {
 *     em.persist(order);
 *     outbox.publish("orders", order.id().toString(), new OrderPlaced(order.id(), order.total()));
 * }
 * }</pre>
 */
public interface Outbox {

    /**
     * Stores a message in the caller's JTA transaction.
     *
     * @param message the message to store
     * @return the message id, the one consumers see (for example to de-duplicate in an inbox)
     * @throws IllegalStateException if no JTA transaction is active
     * @throws OutboxStoreException if the database refused or failed the insert
     * @throws PayloadSerializationException if the payload cannot be turned into bytes; nothing was
     *     written and the caller's transaction may still roll back or commit
     * @throws PayloadTooLargeException if the payload as stored is larger than the outbox's
     *     {@code maxPayloadBytes} (1 MiB unless configured); nothing was written, and the caller's
     *     transaction may still roll back or commit
     * @throws IllegalArgumentException if the message is null
     */
    UUID publish(OutboxMessage message);

    /**
     * Stores a message with a payload serialized as JSON.
     *
     * @param topic where the message goes (a queue, topic or exchange, as the publisher maps it)
     * @param key the ordering key, or {@code null} when the message need not be ordered
     * @param payload an object serialized as JSON (Jackson in Java SE, the server's JSON-B in a
     *     server), a {@code byte[]} stored as it is, or a {@code String} of JSON text (see
     *     {@link OutboxMessage.Builder#payload(Object)})
     * @return the message id
     * @throws IllegalStateException if no JTA transaction is active
     * @throws PayloadSerializationException if the payload cannot be serialized; nothing was written
     * @throws PayloadTooLargeException if the payload is larger than the outbox's {@code maxPayloadBytes};
     *     nothing was written
     * @throws IllegalArgumentException if the topic or key is not valid ({@link OutboxMessage#builder(String)},
     *     {@link OutboxMessage.Builder#key(String)})
     * @throws OutboxStoreException if the database refused or failed the insert
     * @see #publish(OutboxMessage)
     */
    default UUID publish(String topic, String key, Object payload) {
        return publish(OutboxMessage.builder(topic).key(key).payload(payload).build());
    }
}

package dev.ferry.outbox.spi;

import java.util.List;

/**
 * Publishes claimed outbox messages to a broker. Implementations exist for in-process listeners
 * and, in later modules, for brokers; users may write their own.
 *
 * <p>The contract:
 * <ul>
 *   <li>{@code batch} is in write order. Messages with the same key must reach the broker in list
 *       order, and a message must not be sent once {@link DeliveryReport#keyFailed} says an earlier
 *       one of its key failed.</li>
 *   <li>Report {@link DeliveryReport#delivered} only after the broker confirmed the message
 *       (persistent send, acks, publisher confirm). Block in {@code publish} until every message is
 *       reported or a timeout passed.</li>
 *   <li>An exception thrown from {@code publish} fails every message not yet reported.</li>
 * </ul>
 * A publisher is called by one relay thread at a time per relay, but several relays may share one
 * instance, so implementations must be thread-safe.
 */
public interface MessagePublisher extends AutoCloseable {

    /**
     * Publishes a batch and reports each message's outcome.
     *
     * @param batch messages in write order
     * @param report where outcomes go
     * @throws Exception fails the messages not yet reported
     */
    void publish(List<OutgoingMessage> batch, DeliveryReport report) throws Exception;

    /** Releases broker resources; the default does nothing. */
    @Override
    default void close() {
    }
}

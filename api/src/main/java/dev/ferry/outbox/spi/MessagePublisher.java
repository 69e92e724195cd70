package dev.ferry.outbox.spi;

import java.util.List;

/**
 * Publishes claimed outbox messages to a broker. Ferry ships publishers for in-process listeners,
 * Kafka, RabbitMQ, JMS and HTTP webhooks; users may write their own.
 *
 * <p>The contract:
 * <ul>
 *   <li>{@code batch} is in write order. Messages with the same key must reach the broker in list
 *       order, and a message must not be sent once {@link DeliveryReport#keyFailed} says an earlier
 *       one of its key failed.</li>
 *   <li>Report {@link DeliveryReport#delivered} only after the broker confirmed the message
 *       (persistent send, acks, publisher confirm). Block in {@code publish} until every message is
 *       reported or a timeout passed.</li>
 *   <li>An exception thrown from {@code publish} fails every message not yet reported. A failure is
 *       the message's own (an attempt counts, and after {@code maxAttempts} it is dead) unless it is
 *       a {@link BrokerUnavailableException}: the broker takes no messages at all, so no attempt
 *       counts and the relay pauses and probes until the broker answers again.</li>
 * </ul>
 * {@code publish} is called concurrently: by each of a relay's threads ({@code relayThreads}), and
 * by every relay sharing the instance, each call with a batch of its own. Implementations must be
 * thread-safe.
 */
public interface MessagePublisher extends AutoCloseable {

    /**
     * Publishes a batch and reports each message's outcome.
     *
     * @param batch messages in write order
     * @param report where outcomes go
     * @throws Exception fails the messages not yet reported; a {@link BrokerUnavailableException}
     *     without counting an attempt
     */
    void publish(List<OutgoingMessage> batch, DeliveryReport report) throws Exception;

    /** Releases broker resources; the default does nothing. */
    @Override
    default void close() {
    }
}

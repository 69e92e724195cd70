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
 *
 * <p>Threads: calls overlap, so an implementation must be thread-safe.
 * <ul>
 *   <li>{@code publish} runs on the relay's threads ({@code relayThreads} of them; in a server the
 *       container's managed threads), or on a thread that calls {@code OutboxRelay.relayOnce()}.
 *       Each of them, and every relay that shares the instance, calls it whenever it has a batch,
 *       without waiting for the others' calls to return.</li>
 *   <li>Overlapping calls never share a message; for one outbox table they never share a key
 *       either: a key's later messages are claimed only once the batch holding its earlier ones is
 *       recorded. So a key's order needs keeping only within {@code batch}.</li>
 *   <li>{@code publish} runs outside any JTA transaction, while the relay holds the batch's rows
 *       locked in its own local transaction: return well within {@code leaseDuration}.</li>
 *   <li>The {@link DeliveryReport} may be called from any thread (broker callbacks) until
 *       {@code publish} returns; what is reported after that is ignored.</li>
 *   <li>{@link #close()} is called when the engine stops, after its relay threads ended or the stop's
 *       timeout passed; in the second case a {@code publish} may still be running.</li>
 * </ul>
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

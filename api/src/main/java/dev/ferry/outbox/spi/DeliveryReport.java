package dev.ferry.outbox.spi;

/**
 * Where a {@link MessagePublisher} reports, per message, what the broker confirmed. Thread-safe:
 * it may be called from broker callback threads while {@code publish} is still running.
 *
 * <p>A message reported neither delivered nor failed when {@code publish} returns is treated as
 * failed ("not confirmed"), so it is retried: a message is marked delivered only on a confirmation.
 */
public interface DeliveryReport {

    /**
     * The broker confirmed the message.
     *
     * @param message a message of the batch
     */
    void delivered(OutgoingMessage message);

    /**
     * The message was not delivered; it will be retried. With a {@link BrokerUnavailableException}
     * as cause the broker is unavailable, which is not the message's fault: no attempt is counted.
     * Any other cause is a refusal of this message (or no confirmation for it in time) and counts an
     * attempt towards {@code maxAttempts}.
     *
     * @param message a message of the batch
     * @param cause why: a {@link BrokerUnavailableException} for an outage, anything else for a refusal
     */
    void failed(OutgoingMessage message, Throwable cause);

    /**
     * Whether an earlier message of the batch with the same key has failed. A publisher must not
     * send such a message (it would overtake the failed one); it reports it failed, or leaves it
     * unreported.
     *
     * @param message a message of the batch
     * @return true if the message's key already failed in this batch
     */
    boolean keyFailed(OutgoingMessage message);
}

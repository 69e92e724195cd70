package dev.ferry.outbox.spi;

/**
 * The broker takes no messages at the moment: it cannot be reached, refuses or lost the connection,
 * or answered none of the messages sent to it in time (an HTTP endpoint: no connection, or 502, 503,
 * 504 or 429). That is not the fault of the messages that were being sent, so the relay counts no
 * attempt against them: they never go dead because of an outage, however long it lasts.
 *
 * <p>A {@link MessagePublisher} says so by throwing this from {@code publish} (every message not yet
 * reported fails this way) or by passing it to {@link DeliveryReport#failed}. The relay then leaves
 * those messages pending, pauses its claims as a whole and probes the broker with one batch at a
 * time, waiting longer after each probe that fails, until the broker answers again.
 *
 * <p>Any other failure is a refusal of that message (no route, a missing destination, no permission
 * for it, a payload the broker rejects): it counts an attempt, and after {@code maxAttempts} the
 * message is parked as dead.
 */
public final class BrokerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is unavailable and how it showed, e.g. "RabbitMQ at rabbit:5672 refused the
     *     connection"
     * @param cause the broker client's error, or null
     */
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

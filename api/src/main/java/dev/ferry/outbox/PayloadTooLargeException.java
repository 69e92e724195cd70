package dev.ferry.outbox;

import jakarta.ejb.ApplicationException;

/**
 * Thrown by {@code Outbox.publish} when a message's payload, as it would be stored (JSON as UTF-8,
 * bytes as they are), is larger than the outbox's {@code maxPayloadBytes} setting
 * ({@code ferry.outbox.max-payload-bytes}, 1 MiB by default); nothing was written. A caller's
 * mistake, so an {@link IllegalArgumentException}; and an application exception for EJB containers
 * ({@code rollback = false}): it reaches the caller as it is, and the caller's transaction is not
 * marked for rollback by it.
 */
@ApplicationException(rollback = false)
public class PayloadTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final long size;
    private final long limit;

    /**
     * @param topic the message's topic
     * @param size the payload's size in bytes, or at least that many
     * @param limit the largest payload accepted, in bytes
     */
    public PayloadTooLargeException(String topic, long size, long limit) {
        super("The payload of a message to topic '" + topic + "' is " + size + " bytes, over the outbox's limit"
                + " of " + limit + " bytes (setting maxPayloadBytes, key ferry.outbox.max-payload-bytes);"
                + " no message was written");
        this.topic = topic;
        this.size = size;
        this.limit = limit;
    }

    /** @return the message's topic */
    public String topic() {
        return topic;
    }

    /** @return the payload's size in bytes (for a JSON string refused before encoding, its length in chars) */
    public long size() {
        return size;
    }

    /** @return the largest payload accepted, in bytes */
    public long limit() {
        return limit;
    }
}

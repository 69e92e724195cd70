package dev.ferry.outbox;

import dev.ferry.FerryException;
import jakarta.ejb.ApplicationException;

/**
 * Thrown by {@code Outbox.publish} when a message payload cannot be serialized; no message was
 * stored. An application exception for EJB containers ({@code rollback = false}): it reaches the
 * caller as it is, and the caller's transaction is not marked for rollback by it.
 */
@ApplicationException(rollback = false)
public class PayloadSerializationException extends FerryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be serialized, naming the topic and payload type
     * @param cause the serializer's error
     */
    public PayloadSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}

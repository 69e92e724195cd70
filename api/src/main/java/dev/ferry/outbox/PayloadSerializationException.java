package dev.ferry.outbox;

/** Thrown when a message payload cannot be serialized; no message was stored. */
public class PayloadSerializationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be serialized, naming the topic and payload type
     * @param cause the serializer's error
     */
    public PayloadSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.ferry;

/**
 * The root of Ferry's own exceptions: an infrastructure failure (the database failed or refused,
 * a payload could not be serialized), apart from a caller's mistake, which Ferry reports as
 * {@link IllegalArgumentException} (a bad argument) or {@link IllegalStateException} (a call at the
 * wrong time, such as {@code Outbox.publish} without a transaction). Unchecked.
 */
public class FerryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the thing it was about
     * @param cause the underlying failure, or null
     */
    public FerryException(String message, Throwable cause) {
        super(message, cause);
    }
}

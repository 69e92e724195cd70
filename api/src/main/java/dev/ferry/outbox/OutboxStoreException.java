package dev.ferry.outbox;

import dev.ferry.FerryException;

/**
 * The outbox table could not be written or read: the database failed or refused a statement. The
 * message names the outbox table or message and carries the driver's error as its cause. In a
 * transaction, the caller's transaction should be rolled back (a container does so for this
 * unchecked exception).
 */
public class OutboxStoreException extends FerryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the table or message
     * @param cause the driver's error
     */
    public OutboxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

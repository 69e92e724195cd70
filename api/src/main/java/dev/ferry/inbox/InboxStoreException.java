package dev.ferry.inbox;

import dev.ferry.FerryException;

/**
 * The inbox table could not record a message id: the database failed or refused the statement.
 * The message names the message id and the table; the caller's transaction should be rolled back,
 * and the message is then delivered again.
 */
public class InboxStoreException extends FerryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the message id and table
     * @param cause the driver's error
     */
    public InboxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

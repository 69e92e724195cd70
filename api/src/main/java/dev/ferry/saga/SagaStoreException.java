package dev.ferry.saga;

import dev.ferry.FerryException;

/**
 * The saga tables could not be written or read: the database failed or refused a statement, or the
 * transaction Ferry began for the call did not commit. The message names the action; the cause is
 * the driver's or transaction manager's error.
 */
public class SagaStoreException extends FerryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the action
     * @param cause the underlying error
     */
    public SagaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

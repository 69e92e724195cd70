package dev.ferry.saga.engine;

import java.util.UUID;

/**
 * A worker's write found the saga changed by someone else since it read it (another worker took
 * over an expired lease, or an operator aborted it); the worker's transaction rolls back and it
 * leaves the saga alone.
 */
final class LostOwnershipException extends Exception {

    private static final long serialVersionUID = 1L;

    LostOwnershipException(UUID sagaId, long version) {
        super("Saga " + sagaId + " changed since version " + version + "; leaving it to its new owner",
                null, false, false);
    }
}

package dev.ferry.runtime.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Runs an action once the transaction committed; nothing on rollback. */
final class AfterCommit implements Synchronization {

    private final Runnable action;

    AfterCommit(Runnable action) {
        this.action = action;
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            action.run();
        }
    }
}

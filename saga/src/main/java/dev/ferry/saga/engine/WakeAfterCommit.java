package dev.ferry.saga.engine;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Wakes the local workers when the transaction that started or changed a saga commits. */
final class WakeAfterCommit implements Synchronization {

    private final Runnable wake;

    WakeAfterCommit(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void beforeCompletion() {
        // nothing to do before
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            wake.run();
        }
    }
}

package dev.ferry.runtime.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition in tests; fails with a message naming what did not happen. */
public final class Await {

    private Await() {
    }

    /**
     * @param timeout how long to wait at most
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what, e);
            }
        }
    }
}

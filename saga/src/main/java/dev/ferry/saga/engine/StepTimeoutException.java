package dev.ferry.saga.engine;

import java.time.Duration;

/** A step attempt returned after its step's deadline; its transaction is rolled back. */
final class StepTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    StepTimeoutException(String step, Duration timeout) {
        super("step " + step + " ran past its timeout of " + timeout);
    }
}

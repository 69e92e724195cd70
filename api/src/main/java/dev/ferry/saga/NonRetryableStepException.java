package dev.ferry.saga;

/**
 * Thrown by a step (directly or as a cause) to fail it for good at once: the remaining attempts are
 * skipped and the completed steps are compensated.
 */
public class NonRetryableStepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message why the step cannot succeed */
    public NonRetryableStepException(String message) {
        super(message);
    }

    /**
     * @param message why the step cannot succeed
     * @param cause the underlying error
     */
    public NonRetryableStepException(String message, Throwable cause) {
        super(message, cause);
    }
}

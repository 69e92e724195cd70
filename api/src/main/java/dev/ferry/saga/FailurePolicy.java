package dev.ferry.saga;

/** What a saga does when one of its steps fails for good ({@link SagaStep#onFailure()}). */
public enum FailurePolicy {
    /** Compensate the completed steps, newest first (the default). */
    COMPENSATE,
    /**
     * Suspend the saga at the step ({@link SagaStatus#SUSPENDED}) for an operator, who resumes it,
     * compensates it, skips the step or cancels the saga (see {@link SagaCoordinator}).
     */
    PARK
}

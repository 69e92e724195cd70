package dev.ferry.saga.definition;

import dev.ferry.saga.FailurePolicy;
import java.time.Duration;
import java.util.List;

/**
 * One step of a saga, read from its {@link dev.ferry.saga.SagaStep} annotation.
 *
 * @param name the step's stable name ({@code @SagaStep(name)}, or its method's name)
 * @param index its position in the saga, from 0
 * @param action the step method
 * @param compensation the compensation method, or null
 * @param maxAttempts attempts before the step fails for good
 * @param backoff pause after the first failed attempt (doubling)
 * @param timeout how long the step may take, or null for no limit
 * @param nonRetryable exception types that fail the step at once
 * @param compensationMaxAttempts attempts of the compensation before the saga is parked
 * @param onFailure what happens when the step fails for good
 */
public record StepDefinition(String name, int index, StepMethod action, StepMethod compensation, int maxAttempts,
                             Duration backoff, Duration timeout, List<Class<? extends Throwable>> nonRetryable,
                             int compensationMaxAttempts, FailurePolicy onFailure) {

    /**
     * Copies the exception list.
     *
     * @param name the step's stable name
     * @param index its position in the saga, from 0
     * @param action the step method
     * @param compensation the compensation method, or null
     * @param maxAttempts attempts before the step fails for good
     * @param backoff pause after the first failed attempt (doubling)
     * @param timeout how long the step may take, or null for no limit
     * @param nonRetryable exception types that fail the step at once
     * @param compensationMaxAttempts attempts of the compensation before the saga is parked
     * @param onFailure what happens when the step fails for good
     */
    public StepDefinition {
        nonRetryable = List.copyOf(nonRetryable);
    }

    /** @return whether a failure for good suspends the saga instead of compensating it */
    public boolean parksOnFailure() {
        return onFailure == FailurePolicy.PARK;
    }

    /** @return whether the step has a compensation */
    public boolean compensable() {
        return compensation != null;
    }

    /**
     * @param error what a step attempt threw
     * @return whether it, or one of its causes, is of a type that must not be retried
     */
    public boolean isNonRetryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.ferry.saga.NonRetryableStepException) {
                return true;
            }
            for (Class<? extends Throwable> type : nonRetryable) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.ferry.saga;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a {@link Saga} class as one of its steps. The step's name is
 * {@link #name()}, or the method's name when that is empty; it is stored in every instance's step
 * log, so keep it stable: a renamed method keeps its step with {@code @SagaStep(name = "charge")}.
 *
 * <p>A step takes the saga data, and optionally a {@link SagaContext} second:
 * {@code (D data)} or {@code (D data, SagaContext ctx)}. Every step of a saga takes the same data
 * type {@code D}. A step returns {@code void}, or a new data value (a {@code D}) that is stored
 * with the step's completion and passed to later steps and to compensations; returning
 * {@code null} keeps the data as it was.
 *
 * <p>Each attempt runs in its own JTA transaction, which also records the step's completion. A
 * step that throws is retried after {@link #backoff()}, doubling each time, up to
 * {@link #maxAttempts()}; a {@link NonRetryableStepException} or a type listed in
 * {@link #nonRetryable()} skips the remaining attempts. When the step fails for good or runs past
 * its {@link #timeout()}, the completed steps are compensated in reverse order, or, with
 * {@code onFailure = PARK}, the saga is {@linkplain SagaStatus#SUSPENDED suspended} for an operator.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SagaStep {

    /** @return the step's position; steps run in ascending order, and no two steps share one */
    int order();

    /**
     * @return the step's stable name (at most 200 characters, unique in the saga), stored in the step
     *     log and used by {@link SagaCoordinator#completeStep}; empty for the method's name
     */
    String name() default "";

    /**
     * @return what happens when the step fails for good (attempts used up, non-retryable, timed out,
     *     or {@link SagaCoordinator#failStep}): compensate the completed steps (the default), or
     *     suspend the saga for an operator
     */
    FailurePolicy onFailure() default FailurePolicy.COMPENSATE;

    /**
     * @return the name of a public method of the same class that undoes this step, taking
     *     {@code (D)} or {@code (D, SagaContext)} and returning {@code void} or {@code D}; empty
     *     when the step needs no compensation
     */
    String compensateWith() default "";

    /** @return how many times the step is attempted before it fails for good (at least 1) */
    int maxAttempts() default 3;

    /**
     * @return the pause after the first failed attempt as an ISO-8601 duration ({@code PT1S},
     *     {@code PT0.5S}, {@code PT2M}); it doubles after each further failure, up to the engine's
     *     maximum backoff
     */
    String backoff() default "PT1S";

    /**
     * @return how long the step may take from its first attempt until it completes, retries and
     *     a wait for a reply included, as an ISO-8601 duration; empty for no limit. A step past
     *     its timeout is rolled back (if it is running) and the saga is compensated.
     */
    String timeout() default "";

    /** @return exception types (also matched as causes) that skip retries and fail the step at once */
    Class<? extends Throwable>[] nonRetryable() default {};

    /**
     * @return how many times this step's compensation is attempted (with the same backoff) before
     *     the saga is {@linkplain SagaStatus#PARKED parked} for an operator (at least 1)
     */
    int compensationMaxAttempts() default 10;
}

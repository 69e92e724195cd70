package dev.ferry.saga;

/**
 * Where a saga instance stands. {@link #COMPLETED}, {@link #COMPENSATED} and {@link #CANCELLED}
 * are final.
 *
 * <pre>
 * RUNNING ──step done──▶ RUNNING (next step) ──last step done──▶ COMPLETED
 * RUNNING ──awaitReply──▶ WAITING ──completeStep──▶ RUNNING / COMPLETED
 * RUNNING / WAITING ──failed for good, timeout, failStep, abort──▶ COMPENSATING
 * RUNNING / WAITING ──failed for good (onFailure = PARK)──▶ SUSPENDED
 * SUSPENDED ──resume──▶ RUNNING     SUSPENDED ──compensate──▶ COMPENSATING
 * SUSPENDED / WAITING ──skip──▶ RUNNING (next step) / COMPLETED
 * COMPENSATING ──all compensations done──▶ COMPENSATED
 * COMPENSATING ──a compensation out of attempts──▶ PARKED ──retryCompensation──▶ COMPENSATING
 * any status but a final one ──cancel──▶ CANCELLED
 * </pre>
 */
public enum SagaStatus {
    /** A step is due, running, or waiting for its next attempt after a failure. */
    RUNNING,
    /** A step is waiting for a reply ({@link SagaContext#awaitReply()}). */
    WAITING,
    /** Completed steps are being compensated, last first. */
    COMPENSATING,
    /** Every step completed. Final. */
    COMPLETED,
    /** A step failed for good and every completed step was compensated. Final. */
    COMPENSATED,
    /**
     * A compensation ran out of attempts, or cannot run on this deployment; waits for
     * {@link SagaCoordinator#retryCompensation} or {@link SagaCoordinator#cancel}.
     */
    PARKED,
    /**
     * Parked on a forward step: the step failed for good with {@link FailurePolicy#PARK}, or the
     * saga cannot run on this deployment (its version is not registered, its data no longer
     * reads). Waits for {@link SagaCoordinator#resume}, {@link SagaCoordinator#compensate},
     * {@link SagaCoordinator#skip} or {@link SagaCoordinator#cancel}.
     */
    SUSPENDED,
    /** Ended by an operator without compensation ({@link SagaCoordinator#cancel}). Final. */
    CANCELLED;

    /** @return whether the saga will never change again */
    public boolean isFinal() {
        return this == COMPLETED || this == COMPENSATED || this == CANCELLED;
    }
}

package dev.ferry.saga;

/**
 * Where a saga instance stands. {@link #COMPLETED} and {@link #COMPENSATED} are final.
 *
 * <pre>
 * RUNNING ──step done──▶ RUNNING (next step) ──last step done──▶ COMPLETED
 * RUNNING ──awaitReply──▶ WAITING ──completeStep──▶ RUNNING / COMPLETED
 * RUNNING / WAITING ──failed for good, timeout, failStep, abort──▶ COMPENSATING
 * COMPENSATING ──all compensations done──▶ COMPENSATED
 * COMPENSATING ──a compensation out of attempts──▶ PARKED ──retry──▶ COMPENSATING
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
    /** A compensation ran out of attempts; waits for {@link SagaCoordinator#retry}. */
    PARKED;

    /** @return whether the saga will never change again */
    public boolean isFinal() {
        return this == COMPLETED || this == COMPENSATED;
    }
}

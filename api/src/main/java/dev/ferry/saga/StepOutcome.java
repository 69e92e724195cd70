package dev.ferry.saga;

/**
 * What happened to one attempt of a step or compensation, or which operator action was taken, as
 * recorded in a saga's history. Operator actions are the entries with an
 * {@linkplain StepRecord#actor() actor}.
 */
public enum StepOutcome {
    /** The step completed (its transaction committed with this record). */
    COMPLETED,
    /** The step committed and waits for a reply. */
    WAITING,
    /** An attempt of the step failed; it was rolled back. */
    FAILED,
    /** The step ran past its timeout (a running attempt was rolled back). */
    TIMED_OUT,
    /** An operator aborted the saga while it was at this step. */
    ABORTED,
    /** The step's compensation completed (its transaction committed with this record). */
    COMPENSATED,
    /** An attempt of the step's compensation failed; it was rolled back. */
    COMPENSATION_FAILED,
    /** An operator resumed a suspended saga at this step, with fresh attempts. */
    RESUMED,
    /** An operator had a suspended saga compensate its completed steps. */
    COMPENSATION_ORDERED,
    /** An operator marked this step done; it counts as completed (and is compensated like one). */
    SKIPPED,
    /** An operator ended the saga at this step without compensation. */
    CANCELLED,
    /** An operator retried this step's parked compensation with fresh attempts. */
    COMPENSATION_RETRIED
}

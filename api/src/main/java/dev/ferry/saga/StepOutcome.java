package dev.ferry.saga;

/** What happened to one attempt of a step or compensation, as recorded in a saga's history. */
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
    COMPENSATION_FAILED
}

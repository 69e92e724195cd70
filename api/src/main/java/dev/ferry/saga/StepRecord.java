package dev.ferry.saga;

import java.time.Instant;

/**
 * One entry in a saga's history: a step's or a compensation's outcome, or an operator's action
 * (its audit entry: what, who, why, when).
 *
 * <p>An entry that can change the saga's data (a step {@link StepOutcome#COMPLETED COMPLETED} or
 * {@link StepOutcome#WAITING WAITING} for its reply, {@link StepOutcome#COMPENSATED COMPENSATED}, or
 * {@link StepOutcome#SKIPPED SKIPPED} by an operator with data) carries the data as JSON as it was
 * before and after; the other entries carry null for both.
 *
 * @param step the step's name (for an operator action: the step the saga was at, or the skipped step)
 * @param outcome what happened, or the operator's action
 * @param attempt the attempt number of the step or compensation (0 where attempts do not apply)
 * @param at when it was recorded (UTC)
 * @param error the error, or the operator's reason; null if none
 * @param actor who took an operator action; null for the engine's own entries
 * @param dataBefore the saga's data (JSON) before the step ran, or null when the entry does not carry it
 * @param dataAfter the saga's data (JSON) after the step ran, or null when the entry does not carry it
 */
public record StepRecord(String step, StepOutcome outcome, int attempt, Instant at, String error, String actor,
                         String dataBefore, String dataAfter) {

    /**
     * An entry without data.
     *
     * @param step the step's name
     * @param outcome what happened, or the operator's action
     * @param attempt the attempt number
     * @param at when it was recorded
     * @param error the error, or the operator's reason; null if none
     * @param actor who took an operator action; null for the engine's own entries
     */
    public StepRecord(String step, StepOutcome outcome, int attempt, Instant at, String error, String actor) {
        this(step, outcome, attempt, at, error, actor, null, null);
    }

    /**
     * An entry of the engine's own (no actor), without data.
     *
     * @param step the step's name
     * @param outcome what happened
     * @param attempt the attempt number
     * @param at when it was recorded
     * @param error the error, or null
     */
    public StepRecord(String step, StepOutcome outcome, int attempt, Instant at, String error) {
        this(step, outcome, attempt, at, error, null);
    }

    /**
     * @param before the saga's data (JSON) before the step
     * @param after the saga's data (JSON) after it
     * @return this entry carrying that data
     */
    public StepRecord withData(String before, String after) {
        return new StepRecord(step, outcome, attempt, at, error, actor, before, after);
    }

    /** @return whether this entry is an operator's action (an audit entry) */
    public boolean isOperatorAction() {
        return actor != null;
    }
}

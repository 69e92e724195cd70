package dev.ferry.saga;

import java.time.Instant;

/**
 * One entry in a saga's history: a step's or a compensation's outcome, or an operator's action
 * (its audit entry: what, who, why, when).
 *
 * @param step the step's name (for an operator action: the step the saga was at, or the skipped step)
 * @param outcome what happened, or the operator's action
 * @param attempt the attempt number of the step or compensation (0 where attempts do not apply)
 * @param at when it was recorded (UTC)
 * @param error the error, or the operator's reason; null if none
 * @param actor who took an operator action; null for the engine's own entries
 */
public record StepRecord(String step, StepOutcome outcome, int attempt, Instant at, String error, String actor) {

    /**
     * An entry of the engine's own (no actor).
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

    /** @return whether this entry is an operator's action (an audit entry) */
    public boolean isOperatorAction() {
        return actor != null;
    }
}

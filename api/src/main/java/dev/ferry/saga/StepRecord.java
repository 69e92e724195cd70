package dev.ferry.saga;

import java.time.Instant;

/**
 * One entry in a saga's history.
 *
 * @param step the step's name
 * @param outcome what happened
 * @param attempt the attempt number of the step or compensation (0 where attempts do not apply)
 * @param at when it was recorded (UTC)
 * @param error the error or reason, or null
 */
public record StepRecord(String step, StepOutcome outcome, int attempt, Instant at, String error) {
}

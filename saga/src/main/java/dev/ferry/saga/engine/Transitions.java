package dev.ferry.saga.engine;

import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.definition.SagaDefinition;
import dev.ferry.saga.definition.StepDefinition;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaUpdate;
import java.time.Instant;
import java.util.List;

/**
 * The saga state machine: what each outcome of a step, a compensation or an operator's action
 * changes. Pure; the callers write the result.
 *
 * <pre>
 * RUNNING ──step completed──▶ RUNNING (next step, due now) │ COMPLETED (after the last step)
 * RUNNING ──awaitReply──────▶ WAITING (due at the step's deadline, if any)
 * RUNNING ──attempt failed──▶ RUNNING (same step, due after the backoff)
 * RUNNING ──failed for good / timed out / aborted──▶ COMPENSATING (last completed step with a compensation) │ COMPENSATED
 * WAITING ──completeStep────▶ RUNNING (next step) │ COMPLETED
 * WAITING ──failStep────────▶ COMPENSATING from the step before it │ COMPENSATED
 * WAITING ──timed out / aborted──▶ COMPENSATING from the waiting step itself │ COMPENSATED
 * COMPENSATING ──compensated──▶ COMPENSATING (previous compensable step) │ COMPENSATED
 * COMPENSATING ──attempt failed──▶ COMPENSATING (after the backoff) │ PARKED (out of attempts)
 * PARKED ──retry──▶ COMPENSATING (fresh attempts)
 * </pre>
 */
final class Transitions {

    private final SagaSettings settings;

    Transitions(SagaSettings settings) {
        this.settings = settings;
    }

    SagaUpdate completed(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, String data, Instant now) {
        List<StepRecord> history = List.of(new StepRecord(step.name(), StepOutcome.COMPLETED, attempt, now, null));
        StepDefinition next = def.next(step);
        if (next == null) {
            return new SagaUpdate(SagaStatus.COMPLETED, null, 0, data, null, null, row.lastError(), false, history);
        }
        return new SagaUpdate(SagaStatus.RUNNING, next.name(), 0, data, null, dueNow(row, now), row.lastError(), true,
                history);
    }

    SagaUpdate waiting(SagaRow row, StepDefinition step, int attempt, String data, Instant deadline, Instant now) {
        return new SagaUpdate(SagaStatus.WAITING, step.name(), attempt, data, deadline, deadline, row.lastError(), false,
                List.of(new StepRecord(step.name(), StepOutcome.WAITING, attempt, now, null)));
    }

    SagaUpdate failed(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, Throwable error,
                      Instant deadline, Instant now) {
        String message = describe(error);
        if (deadline != null && !now.isBefore(deadline)) {
            String timeout = "step " + step.name() + " timed out after " + step.timeout() + ": " + message;
            return compensateFrom(def, row, step.index() - 1, row.data(), timeout,
                    new StepRecord(step.name(), StepOutcome.TIMED_OUT, attempt, now, timeout), now);
        }
        StepRecord failure = new StepRecord(step.name(), StepOutcome.FAILED, attempt, now, message);
        if (step.isNonRetryable(error) || attempt >= step.maxAttempts()) {
            return compensateFrom(def, row, step.index() - 1, row.data(), message, failure, now);
        }
        Instant retryAt = now.plus(settings.stepBackoff(step.backoff()).delayAfter(attempt));
        if (deadline != null && retryAt.isAfter(deadline)) {
            retryAt = deadline;
        }
        return new SagaUpdate(SagaStatus.RUNNING, step.name(), attempt, row.data(), deadline, retryAt, message, false,
                List.of(failure));
    }

    /** The step's deadline passed before an attempt, or while it waited for a reply. */
    SagaUpdate timedOut(SagaDefinition def, SagaRow row, StepDefinition step, Instant now) {
        boolean waited = row.status() == SagaStatus.WAITING;
        String message = "step " + step.name() + " timed out after " + step.timeout()
                + (waited ? " waiting for a reply" : "");
        return compensateFrom(def, row, waited ? step.index() : step.index() - 1, row.data(), message,
                new StepRecord(step.name(), StepOutcome.TIMED_OUT, row.attempts(), now, message), now);
    }

    SagaUpdate aborted(SagaDefinition def, SagaRow row, Instant now) {
        StepDefinition step = def.step(row.currentStep());
        boolean waited = row.status() == SagaStatus.WAITING;
        String message = "aborted by an operator at step " + step.name();
        return compensateFrom(def, row, waited ? step.index() : step.index() - 1, row.data(), message,
                new StepRecord(step.name(), StepOutcome.ABORTED, row.attempts(), now, message), now);
    }

    SagaUpdate replied(SagaDefinition def, SagaRow row, StepDefinition step, String data, Instant now) {
        return completed(def, row, step, row.attempts(), data, now);
    }

    SagaUpdate replyFailed(SagaDefinition def, SagaRow row, StepDefinition step, String reason, Instant now) {
        String message = reason == null || reason.isBlank() ? "step " + step.name() + " failed" : reason;
        return compensateFrom(def, row, step.index() - 1, row.data(), message,
                new StepRecord(step.name(), StepOutcome.FAILED, row.attempts(), now, message), now);
    }

    SagaUpdate compensated(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, String data, Instant now) {
        return compensateFrom(def, row, step.index() - 1, data, row.lastError(),
                new StepRecord(step.name(), StepOutcome.COMPENSATED, attempt, now, null), now);
    }

    SagaUpdate compensationFailed(SagaRow row, StepDefinition step, int attempt, Throwable error, Instant now) {
        String message = describe(error);
        List<StepRecord> history = List.of(new StepRecord(step.name(), StepOutcome.COMPENSATION_FAILED, attempt, now,
                message));
        if (attempt >= step.compensationMaxAttempts()) {
            return new SagaUpdate(SagaStatus.PARKED, step.name(), attempt, row.data(), null, null, message, false, history);
        }
        Instant retryAt = now.plus(settings.stepBackoff(step.backoff()).delayAfter(attempt));
        return new SagaUpdate(SagaStatus.COMPENSATING, step.name(), attempt, row.data(), null, retryAt, message, false,
                history);
    }

    SagaUpdate retried(SagaRow row, Instant now) {
        return new SagaUpdate(SagaStatus.COMPENSATING, row.currentStep(), 0, row.data(), null, now, row.lastError(),
                false, List.of());
    }

    /** A saga whose current step its definition no longer has waits for an operator. */
    SagaUpdate parkedForDefinition(SagaRow row, String problem) {
        return new SagaUpdate(SagaStatus.PARKED, row.currentStep(), row.attempts(), row.data(), null, null, problem,
                false, List.of());
    }

    private static SagaUpdate compensateFrom(SagaDefinition def, SagaRow row, int index, String data, String error,
                                             StepRecord cause, Instant now) {
        StepDefinition target = def.compensableAtOrBefore(index);
        if (target == null) {
            return new SagaUpdate(SagaStatus.COMPENSATED, null, 0, data, null, null, error, false, List.of(cause));
        }
        return new SagaUpdate(SagaStatus.COMPENSATING, target.name(), 0, data, null, dueNow(row, now), error, true,
                List.of(cause));
    }

    /**
     * The due time of a saga that is due at once: when it became due, if it has been due since, else
     * now. A worker moving a saga along thus leaves the due time, an indexed column, as it was, so
     * the database can update the row in place (PostgreSQL: a HOT update, no index entries).
     */
    static Instant dueNow(SagaRow row, Instant now) {
        Instant due = row.nextRunAt();
        return due != null && !due.isAfter(now) ? due : now;
    }

    static String describe(Throwable error) {
        String text = error.toString();
        Throwable cause = error.getCause();
        if (cause != null && cause != error && !text.contains(cause.toString())) {
            text += "; caused by " + cause;
        }
        return text;
    }
}

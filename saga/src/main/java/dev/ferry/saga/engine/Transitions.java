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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The saga state machine: what each outcome of a step, a compensation or an operator's action
 * changes. Pure; the callers write the result. Which steps a compensation undoes comes from the
 * saga's step log ({@link CompletedSteps}), never from positions in the definition.
 *
 * <pre>
 * RUNNING ──step completed──▶ RUNNING (next step, due now) │ COMPLETED (after the last step)
 * RUNNING ──awaitReply──────▶ WAITING (due at the step's deadline, if any)
 * RUNNING ──attempt failed──▶ RUNNING (same step, due after the backoff)
 * RUNNING ──failed for good / timed out / aborted──▶ COMPENSATING (newest done step with a compensation) │ COMPENSATED
 * RUNNING / WAITING ──failed for good / timed out, onFailure = PARK──▶ SUSPENDED
 * WAITING ──completeStep────▶ RUNNING (next step) │ COMPLETED
 * WAITING ──failStep────────▶ COMPENSATING, the waiting step not included │ COMPENSATED
 * WAITING ──timed out / aborted──▶ COMPENSATING, the waiting step included │ COMPENSATED
 * COMPENSATING ──compensated──▶ COMPENSATING (next done step with a compensation) │ COMPENSATED
 * COMPENSATING ──attempt failed──▶ COMPENSATING (after the backoff) │ PARKED (out of attempts)
 * PARKED ──retryCompensation──▶ COMPENSATING (fresh attempts)
 * SUSPENDED ──resume──▶ RUNNING (the same step, fresh attempts)   SUSPENDED ──compensate──▶ COMPENSATING
 * SUSPENDED / WAITING / RUNNING after a failure ──skip──▶ RUNNING (next step) │ COMPLETED
 * not final ──cancel──▶ CANCELLED
 * </pre>
 */
final class Transitions {

    private final SagaSettings settings;

    Transitions(SagaSettings settings) {
        this.settings = settings;
    }

    SagaUpdate completed(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, String data, Instant now) {
        return moveOn(def, row, step, data, now,
                new StepRecord(step.name(), StepOutcome.COMPLETED, attempt, now, null).withData(row.data(), data));
    }

    private static SagaUpdate moveOn(SagaDefinition def, SagaRow row, StepDefinition step, String data, Instant now,
                                     StepRecord record) {
        StepDefinition next = def.next(step);
        if (next == null) {
            return new SagaUpdate(SagaStatus.COMPLETED, null, 0, data, null, null, row.lastError(), false,
                    List.of(record));
        }
        return new SagaUpdate(SagaStatus.RUNNING, next.name(), 0, data, null, dueNow(row, now), row.lastError(), true,
                List.of(record));
    }

    SagaUpdate waiting(SagaRow row, StepDefinition step, int attempt, String data, Instant deadline, Instant now) {
        return new SagaUpdate(SagaStatus.WAITING, step.name(), attempt, data, deadline, deadline, row.lastError(),
                false, List.of(new StepRecord(step.name(), StepOutcome.WAITING, attempt, now, null)
                        .withData(row.data(), data)));
    }

    /**
     * @param log reads the saga's step log, when the failure is for good and the saga compensates
     */
    SagaUpdate failed(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, Throwable error,
                      Instant deadline, Instant now, Supplier<List<StepRecord>> log) {
        String message = describe(error);
        if (deadline != null && !now.isBefore(deadline)) {
            String timeout = "step " + step.name() + " timed out after " + step.timeout() + ": " + message;
            return failedForGood(def, row, step, log, timeout,
                    new StepRecord(step.name(), StepOutcome.TIMED_OUT, attempt, now, timeout), now);
        }
        StepRecord failure = new StepRecord(step.name(), StepOutcome.FAILED, attempt, now, message);
        if (step.isNonRetryable(error) || attempt >= step.maxAttempts()) {
            return failedForGood(def, row, step, log, message, failure, now);
        }
        Instant retryAt = now.plus(settings.stepBackoff(step.backoff()).delayAfter(attempt));
        if (deadline != null && retryAt.isAfter(deadline)) {
            retryAt = deadline;
        }
        return new SagaUpdate(SagaStatus.RUNNING, step.name(), attempt, row.data(), deadline, retryAt, message, false,
                List.of(failure));
    }

    /** The step's deadline passed before an attempt, or while it waited for a reply. */
    SagaUpdate timedOut(SagaDefinition def, SagaRow row, StepDefinition step, Instant now,
                        Supplier<List<StepRecord>> log) {
        boolean waited = row.status() == SagaStatus.WAITING;
        String message = "step " + step.name() + " timed out after " + step.timeout()
                + (waited ? " waiting for a reply" : "");
        return failedForGood(def, row, step, log, message,
                new StepRecord(step.name(), StepOutcome.TIMED_OUT, row.attempts(), now, message), now);
    }

    SagaUpdate aborted(SagaDefinition def, SagaRow row, List<StepRecord> log, String actor, String reason,
                       Instant now) {
        String message = "aborted by an operator at step " + row.currentStep() + (reason == null ? "" : ": " + reason);
        return compensateFrom(def, row, log, row.data(), message,
                new StepRecord(row.currentStep(), StepOutcome.ABORTED, row.attempts(), now, message, actor), now);
    }

    SagaUpdate replied(SagaDefinition def, SagaRow row, StepDefinition step, String data, Instant now) {
        return completed(def, row, step, row.attempts(), data, now);
    }

    SagaUpdate replyFailed(SagaDefinition def, SagaRow row, StepDefinition step, String reason, Instant now,
                           List<StepRecord> log) {
        String message = reason == null || reason.isBlank() ? "step " + step.name() + " failed" : reason;
        return failedForGood(def, row, step, () -> log, message,
                new StepRecord(step.name(), StepOutcome.FAILED, row.attempts(), now, message), now);
    }

    SagaUpdate compensated(SagaDefinition def, SagaRow row, StepDefinition step, int attempt, String data, Instant now,
                           List<StepRecord> log) {
        return compensateFrom(def, row, log, data, row.lastError(),
                new StepRecord(step.name(), StepOutcome.COMPENSATED, attempt, now, null).withData(row.data(), data),
                now);
    }

    SagaUpdate compensationFailed(SagaRow row, StepDefinition step, int attempt, Throwable error, Instant now) {
        String message = describe(error);
        List<StepRecord> history = List.of(new StepRecord(step.name(), StepOutcome.COMPENSATION_FAILED, attempt, now,
                message));
        if (attempt >= step.compensationMaxAttempts()) {
            return new SagaUpdate(SagaStatus.PARKED, step.name(), attempt, row.data(), null, null, message, false,
                    history);
        }
        Instant retryAt = now.plus(settings.stepBackoff(step.backoff()).delayAfter(attempt));
        return new SagaUpdate(SagaStatus.COMPENSATING, step.name(), attempt, row.data(), null, retryAt, message, false,
                history);
    }

    /** An operator retries a parked compensation with fresh attempts. */
    SagaUpdate retried(SagaRow row, String actor, String reason, Instant now) {
        return new SagaUpdate(SagaStatus.COMPENSATING, row.currentStep(), 0, row.data(), null, now, row.lastError(),
                false, List.of(operator(row.currentStep(), StepOutcome.COMPENSATION_RETRIED, reason, actor, now)));
    }

    /** An operator runs a suspended saga's step again, with fresh attempts and a fresh timeout. */
    SagaUpdate resumed(SagaRow row, String actor, String reason, Instant now) {
        return new SagaUpdate(SagaStatus.RUNNING, row.currentStep(), 0, row.data(), null, now, row.lastError(),
                false, List.of(operator(row.currentStep(), StepOutcome.RESUMED, reason, actor, now)));
    }

    /** An operator has a suspended saga compensate what its log shows done. */
    SagaUpdate compensationOrdered(SagaDefinition def, SagaRow row, List<StepRecord> log, String actor, String reason,
                                   Instant now) {
        return compensateFrom(def, row, log, row.data(), row.lastError(),
                operator(row.currentStep(), StepOutcome.COMPENSATION_ORDERED, reason, actor, now), now);
    }

    /** An operator marks the current step done with the given data; the saga moves on. */
    SagaUpdate skipped(SagaDefinition def, SagaRow row, StepDefinition step, String data, String actor, String reason,
                       Instant now) {
        return moveOn(def, row, step, data, now,
                operator(step.name(), StepOutcome.SKIPPED, reason, actor, now).withData(row.data(), data));
    }

    /** An operator ends a saga without compensation. */
    SagaUpdate cancelled(SagaRow row, String actor, String reason, Instant now) {
        return new SagaUpdate(SagaStatus.CANCELLED, null, 0, row.data(), null, null, row.lastError(), false,
                List.of(operator(row.currentStep(), StepOutcome.CANCELLED, reason, actor, now)));
    }

    /**
     * A saga that cannot go on with what is deployed (its current step missing from its definition,
     * its data unreadable) waits for an operator: PARKED in compensation, SUSPENDED otherwise.
     */
    SagaUpdate parkedForDefinition(SagaRow row, String problem) {
        SagaStatus status = row.status() == SagaStatus.COMPENSATING ? SagaStatus.PARKED : SagaStatus.SUSPENDED;
        return new SagaUpdate(status, row.currentStep(), row.attempts(), row.data(), null, null, problem,
                false, List.of());
    }

    private static StepRecord operator(String step, StepOutcome action, String reason, String actor, Instant now) {
        return new StepRecord(step, action, 0, now, reason, actor);
    }

    /** A step failed for good: its policy suspends the saga or has it compensate. */
    private static SagaUpdate failedForGood(SagaDefinition def, SagaRow row, StepDefinition step,
                                            Supplier<List<StepRecord>> log, String error, StepRecord cause,
                                            Instant now) {
        if (step.parksOnFailure()) {
            return new SagaUpdate(SagaStatus.SUSPENDED, step.name(), cause.attempt(), row.data(), null, null, error,
                    false, List.of(cause));
        }
        return compensateFrom(def, row, log.get(), row.data(), error, cause, now);
    }

    /**
     * Compensation goes on with the newest step the log (with the new entry) shows done and not yet
     * compensated that has a compensation in the instance's definition. A done step the definition
     * does not have parks the saga: the deployed definition does not match what ran.
     */
    private static SagaUpdate compensateFrom(SagaDefinition def, SagaRow row, List<StepRecord> log, String data,
                                             String error, StepRecord cause, Instant now) {
        List<StepRecord> all = new ArrayList<>(log.size() + 1);
        all.addAll(log);
        all.add(cause);
        for (String name : CompletedSteps.toCompensate(all)) {
            StepDefinition step = def.find(name);
            if (step == null) {
                String problem = "step '" + name + "' completed, but saga " + def.name() + " version " + def.version()
                        + " (" + def.type().getName() + ") has no step of that name to compensate it";
                return new SagaUpdate(SagaStatus.PARKED, name, 0, data, null, null, problem, false, List.of(cause));
            }
            if (step.compensable()) {
                return new SagaUpdate(SagaStatus.COMPENSATING, step.name(), 0, data, null, dueNow(row, now), error,
                        true, List.of(cause));
            }
        }
        return new SagaUpdate(SagaStatus.COMPENSATED, null, 0, data, null, null, error, false, List.of(cause));
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

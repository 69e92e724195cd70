package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.tx.Transactions;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaStoreException;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaDefinition;
import dev.ferry.saga.definition.StepDefinition;
import dev.ferry.saga.observe.SagaObserver;
import dev.ferry.saga.store.SagaProgress;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaStore;
import dev.ferry.saga.store.SagaUpdate;
import dev.ferry.saga.store.StepLog;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Moves one claimed saga one step forward: runs a step attempt or a compensation attempt in a new
 * JTA transaction that also writes the saga's progress, or times out a waiting step. A failed
 * attempt is rolled back, then recorded in a transaction of its own. Every write is fenced by the
 * row version and the worker's lease.
 */
final class StepRunner {

    private static final System.Logger LOG = System.getLogger(StepRunner.class.getName());

    private final DataSource dataSource;
    private final DataSource workerDataSource;
    private final Transactions transactions;
    private final SagaStore store;
    private final SagaProgress progress;
    private final StepLog stepLog;
    private final Transitions transitions;
    private final JsonCodec json;
    private final Clock clock;
    private final String owner;
    private final Duration leaseDuration;
    private SagaObserver observer;

    StepRunner(DataSource dataSource, DataSource workerDataSource, Transactions transactions, SagaStore store,
               SagaProgress progress, StepLog stepLog, SagaSettings settings, JsonCodec json, Clock clock) {
        this.dataSource = dataSource;
        this.workerDataSource = workerDataSource;
        this.transactions = transactions;
        this.store = store;
        this.progress = progress;
        this.stepLog = stepLog;
        this.transitions = new Transitions(settings);
        this.json = json;
        this.clock = clock;
        this.owner = settings.workerId();
        this.leaseDuration = settings.leaseDuration();
        this.observer = new SagaObserver(null, settings, Telemetry.none(), HealthThresholds.none(), () -> 0);
    }

    /** @param observer records the spans and metrics of attempts and transitions; set before the workers start */
    void observe(SagaObserver observer) {
        this.observer = observer;
    }

    /**
     * @param saga the saga's definition and object
     * @param row the saga as claimed or last written by this worker
     * @return the saga to go on with at once (still leased), or null when this worker is done with
     *     it (its lease released, or taken over by someone else)
     * @throws SQLException if progress could not be written; the lease then expires
     */
    SagaRow advance(BoundSaga saga, SagaRow row) throws SQLException {
        SagaDefinition def = saga.definition();
        if (row.status().isFinal() || row.status() == SagaStatus.PARKED || row.status() == SagaStatus.SUSPENDED) {
            release(row);
            return null;
        }
        if (row.currentStep() == null || !def.hasStep(row.currentStep())) {
            return writeLocal(row, transitions.parkedForDefinition(row, "saga " + def.name() + " version "
                    + def.version() + " has no step '" + row.currentStep()
                    + "' (the stored saga does not match its definition)"));
        }
        StepDefinition step = def.step(row.currentStep());
        Instant now = clock.instant();
        switch (row.status()) {
            case RUNNING:
                if (row.deadlineAt() != null && !now.isBefore(row.deadlineAt())) {
                    return writeLocal(row, transitions.timedOut(def, row, step, now, log(row)));
                }
                return runStep(saga, row, step, now);
            case WAITING:
                if (row.deadlineAt() != null && !now.isBefore(row.deadlineAt())) {
                    return writeLocal(row, transitions.timedOut(def, row, step, now, log(row)));
                }
                release(row);
                return null;
            case COMPENSATING:
                if (!step.compensable()) {
                    return writeLocal(row, transitions.parkedForDefinition(row, "step " + step.name()
                            + " of saga " + def.name()
                            + " has no compensation (the stored saga does not match its definition)"));
                }
                return runCompensation(saga, row, step);
            default:
                release(row);
                return null;
        }
    }

    private SagaRow runStep(BoundSaga saga, SagaRow row, StepDefinition step, Instant now) throws SQLException {
        SagaDefinition def = saga.definition();
        int attempt = row.attempts() + 1;
        Instant deadline = row.deadlineAt() != null ? row.deadlineAt()
                : step.timeout() != null ? now.plus(step.timeout()) : null;
        RunningStepContext ctx = new RunningStepContext(row.id(), def.name(), step.name(), attempt, false);
        Object data;
        try {
            data = json.fromText(row.data(), def.dataType());
        } catch (RuntimeException e) { // never a retry loop: the data will not read better next time
            return writeLocal(row, transitions.parkedForDefinition(row, unreadable(def, e)));
        }
        return runAttempt(row, ctx, deadline, () -> {
            Object result = step.action().invoke(saga.target(), data, ctx);
            Instant end = clock.instant();
            if (deadline != null && !end.isBefore(deadline)) {
                throw new StepTimeoutException(step.name(), step.timeout());
            }
            String newData = result == null ? row.data() : json.toText(result);
            SagaUpdate update = ctx.awaitingReply()
                    ? transitions.waiting(row, step, attempt, newData, deadline, end)
                    : transitions.completed(def, row, step, attempt, newData, end);
            return write(row, update, end);
        }, e -> transitions.failed(def, row, step, attempt, e, deadline, clock.instant(), log(row)));
    }

    private SagaRow runCompensation(BoundSaga saga, SagaRow row, StepDefinition step) throws SQLException {
        SagaDefinition def = saga.definition();
        int attempt = row.attempts() + 1;
        RunningStepContext ctx = new RunningStepContext(row.id(), def.name(), step.name(), attempt, true);
        Object data;
        try {
            data = json.fromText(row.data(), def.dataType());
        } catch (RuntimeException e) { // never a retry loop: the data will not read better next time
            return writeLocal(row, transitions.parkedForDefinition(row, unreadable(def, e)));
        }
        return runAttempt(row, ctx, null, () -> {
            Object result = step.compensation().invoke(saga.target(), data, ctx);
            Instant end = clock.instant();
            String newData = result == null ? row.data() : json.toText(result);
            List<StepRecord> log;
            try (Connection c = dataSource.getConnection()) {
                log = stepLog.history(c, row.id());
            }
            return write(row, transitions.compensated(def, row, step, attempt, newData, end, log), end);
        }, e -> transitions.compensationFailed(row, step, attempt, e, clock.instant()));
    }

    /**
     * Parks a saga this engine cannot run (its version is not registered here): SUSPENDED, or PARKED
     * in compensation, with the problem as its last error.
     *
     * @param row the saga as claimed
     * @param problem what an operator reads
     * @return null: this worker is done with the saga
     * @throws SQLException if the change could not be written; the lease then expires
     */
    SagaRow park(SagaRow row, String problem) throws SQLException {
        writeLocal(row, transitions.parkedForDefinition(row, problem));
        return null;
    }

    /** Names the data class and (in the codec's message) the field that does not read. */
    private static String unreadable(SagaDefinition def, RuntimeException e) {
        return "the saga data no longer reads as " + def.dataType().getName() + " (saga " + def.name() + " version "
                + def.version() + "): " + e.getMessage() + "; give new data with skip(id, step, data, reason) or"
                + " cancel the saga";
    }

    /** Reads the saga's step log when a transition needs it (on the worker pool, outside any step transaction). */
    private Supplier<List<StepRecord>> log(SagaRow row) {
        return () -> {
            try {
                return LocalConnections.inTransaction(workerDataSource, c -> stepLog.history(c, row.id()));
            } catch (SQLException e) {
                throw new SagaStoreException("Cannot read the step log of saga " + row.id() + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Runs an attempt in a step transaction. A failed attempt is rolled back, then recorded in a
     * local transaction of its own; a saga taken over meanwhile is left to its new owner.
     */
    private SagaRow runAttempt(SagaRow row, RunningStepContext ctx, Instant deadline, Callable<SagaRow> work,
                               Function<Throwable, SagaUpdate> failed) throws SQLException {
        SagaObserver.Attempt observed = observer.attempt(ctx.sagaId(), ctx.sagaName(), ctx.stepName(), ctx.attempt(),
                ctx.compensating());
        try {
            SagaRow next = inStepTransaction(deadline, work);
            observed.ended(ctx.awaitingReply() ? "waiting" : "completed");
            return next;
        } catch (LostOwnershipException e) {
            observed.ended("lost");
            LOG.log(Level.DEBUG, e.getMessage());
            return null;
        } catch (VirtualMachineError e) {
            observed.failed(e);
            throw e;
        } catch (Throwable e) {
            observed.failed(e);
            // One line per failed attempt, the cause without its stack trace (at DEBUG).
            LOG.log(Level.INFO, () -> "Saga " + ctx + " failed: " + e);
            LOG.log(Level.DEBUG, () -> "Saga " + ctx + " failed", e);
            return writeLocal(row, failed.apply(e));
        }
    }

    /** Writes progress in the current (step) transaction; throws when the saga was taken over. */
    private SagaRow write(SagaRow row, SagaUpdate update, Instant now) throws SQLException, LostOwnershipException {
        try (Connection c = dataSource.getConnection()) {
            if (!progress.write(c, row, update, owner, leaseDuration, now)) {
                throw new LostOwnershipException(row.id(), row.version());
            }
        }
        return next(row, update, now);
    }

    /** Writes progress in a local transaction of its own (after a rolled-back attempt). */
    private SagaRow writeLocal(SagaRow row, SagaUpdate update) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = LocalConnections.open(workerDataSource)) {
            try {
                if (!progress.write(c, row, update, owner, leaseDuration, now)) {
                    c.rollback();
                    LOG.log(Level.DEBUG, () -> "Saga " + row.id() + " changed since version " + row.version());
                    return null;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                LocalConnections.rollbackAfter(c, e);
                throw e;
            }
        }
        return next(row, update, now);
    }

    private SagaRow next(SagaRow row, SagaUpdate update, Instant now) {
        observer.transition(row.name(), row.status(), update.status());
        if (update.status() != row.status() && (update.status() == SagaStatus.PARKED
                || update.status() == SagaStatus.SUSPENDED)) {
            LOG.log(Level.WARNING, "Saga " + row.name() + " " + row.id() + " is " + update.status() + " at step "
                    + update.currentStep() + " for an operator (" + (update.status() == SagaStatus.PARKED
                    ? "retryCompensation or cancel it" : "resume, compensate, skip or cancel it") + "): "
                    + update.lastError());
        }
        SagaRow after = row.after(update, now);
        boolean goOn = update.holdLease() && after.nextRunAt() != null && !after.nextRunAt().isAfter(now)
                && after.status() != SagaStatus.PARKED;
        return goOn ? after : null;
    }

    /**
     * Releases this worker's lease on a saga it stops working on.
     *
     * @param row the saga as last written or read
     */
    void release(SagaRow row) {
        try {
            LocalConnections.inTransaction(workerDataSource, c -> {
                store.release(c, row, owner);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot release the lease on saga " + row.id() + " (it expires): " + e);
        }
    }

    private <T> T inStepTransaction(Instant deadline, Callable<T> work) throws Exception {
        Duration timeout = deadline == null ? null : Duration.between(clock.instant(), deadline);
        return transactions.inNewTransaction(timeout, work);
    }
}

package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.tx.Transactions;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaStoreException;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaDefinition;
import dev.ferry.saga.definition.SagaDefinitionReader;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.definition.StepDefinition;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaStore;
import dev.ferry.saga.store.SagaUpdate;
import dev.ferry.saga.store.StepLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The {@link SagaCoordinator}: writes through the JTA data source, in the caller's transaction when
 * there is one (waking the local workers after it commits) and in a new one otherwise. Operator
 * changes lock the saga row, so they never interleave with a worker's write: a step in flight finds
 * the saga changed and rolls back.
 */
final class JtaSagaCoordinator implements SagaCoordinator {

    private final DataSource dataSource;
    private final DataSource workerDataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final SagaStore store;
    private final StepLog stepLog;
    private final SagaRegistry registry;
    private final Transitions transitions;
    private dev.ferry.saga.observe.SagaObserver observer;
    private final SagaViews views;
    private final JsonCodec json;
    private final Clock clock;
    private final Runnable wake;
    private final Object wakeKey = new Object();

    JtaSagaCoordinator(DataSource dataSource, DataSource workerDataSource, Transactions transactions, SqlDialect dialect,
                       SagaStore store, StepLog stepLog, SagaRegistry registry, Transitions transitions,
                       JsonCodec json, Clock clock, Runnable wake) {
        this.dataSource = dataSource;
        this.workerDataSource = workerDataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.store = store;
        this.stepLog = stepLog;
        this.registry = registry;
        this.transitions = transitions;
        this.views = new SagaViews(registry, json);
        this.json = json;
        this.clock = clock;
        this.wake = wake;
    }

    /** @param observer stores each start's trace context and counts starts and operator changes */
    void observe(dev.ferry.saga.observe.SagaObserver observer) {
        this.observer = observer;
    }

    @Override
    public UUID start(Class<?> sagaType, Object data) {
        return start(sagaType, data, null);
    }

    @Override
    public UUID start(Class<?> sagaType, Object data, String idempotencyKey) {
        Objects.requireNonNull(sagaType, "sagaType");
        BoundSaga saga = registry.byType(sagaType);
        if (saga == null) {
            throw new IllegalArgumentException("The saga class " + sagaType.getName() + " is not registered; registered: "
                    + registry.names());
        }
        return start(saga, data, idempotencyKey);
    }

    @Override
    public UUID start(String name, Object data) {
        return start(name, data, null);
    }

    @Override
    public UUID start(String name, Object data, String idempotencyKey) {
        return start(saga(name), data, idempotencyKey);
    }

    private UUID start(BoundSaga saga, Object data, String idempotencyKey) {
        SagaDefinition def = saga.definition();
        requireData(def, data, "data");
        if (idempotencyKey != null && (idempotencyKey.isEmpty()
                || idempotencyKey.length() > SagaDefinitionReader.MAX_NAME_LENGTH)) {
            throw new IllegalArgumentException("An idempotency key must be 1 to " + SagaDefinitionReader.MAX_NAME_LENGTH
                    + " characters, was '" + idempotencyKey + "'");
        }
        String text = json.toText(data);
        String what = "start saga " + def.name();
        boolean own = !inCallerTransaction();
        try {
            return change(what, () -> {
                try (Connection c = dataSource.getConnection()) {
                    if (idempotencyKey != null) {
                        UUID existing = store.findIdByKey(c, def.name(), idempotencyKey);
                        if (existing != null) {
                            return existing;
                        }
                    }
                    UUID id = UUID.randomUUID();
                    try {
                        store.insert(c, id, def.name(), idempotencyKey, def.first().name(), text, clock.instant());
                        if (observer != null) {
                            observer.started(c, id, def.name());
                        }
                    } catch (SQLException e) {
                        if (idempotencyKey != null && dialect.isUniqueViolation(e)) {
                            throw new ConcurrentStartException(def.name(), idempotencyKey, e);
                        }
                        throw e;
                    }
                    return id;
                }
            });
        } catch (ConcurrentStartException e) {
            if (!own) {
                throw new IllegalStateException("Saga " + def.name() + " with idempotency key '" + idempotencyKey
                        + "' was started concurrently by another transaction; this transaction cannot start it", e);
            }
            return read(what, c -> store.findIdByKey(c, def.name(), idempotencyKey));
        }
    }

    @Override
    public Optional<SagaView> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return read("find saga " + id, c -> {
            SagaRow row = store.find(c, id);
            if (row == null) {
                return Optional.empty();
            }
            return Optional.of(views.view(row, stepLog.history(c, List.of(id)).get(id)));
        });
    }

    @Override
    public List<SagaView> list(SagaStatus status, int limit) {
        Objects.requireNonNull(status, "status");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return read("list " + status + " sagas", c -> {
            List<SagaRow> rows = store.list(c, status, limit);
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(r -> ids.add(r.id()));
            Map<UUID, List<StepRecord>> history = stepLog.history(c, ids);
            List<SagaView> result = new ArrayList<>(rows.size());
            for (SagaRow r : rows) {
                result.add(views.view(r, history.get(r.id())));
            }
            return result;
        });
    }

    @Override
    public boolean retry(UUID id) {
        return changeSaga(id, "retry", (def, row, now) -> row.status() == SagaStatus.PARKED
                ? transitions.retried(row, now) : null);
    }

    @Override
    public boolean abort(UUID id) {
        return changeSaga(id, "abort", (def, row, now) -> {
            if (row.status() != SagaStatus.RUNNING && row.status() != SagaStatus.WAITING) {
                return null;
            }
            return transitions.aborted(def, row, now);
        });
    }

    @Override
    public boolean completeStep(UUID id, String step, Object reply) {
        Objects.requireNonNull(step, "step");
        return changeSaga(id, "complete step " + step + " of", (def, row, now) -> {
            StepDefinition waiting = waitingAt(def, row, step);
            if (waiting == null) {
                return null;
            }
            String data = row.data();
            if (reply != null) {
                requireData(def, reply, "reply");
                data = json.toText(reply);
            }
            return transitions.replied(def, row, waiting, data, now);
        });
    }

    @Override
    public boolean failStep(UUID id, String step, String reason) {
        Objects.requireNonNull(step, "step");
        return changeSaga(id, "fail step " + step + " of", (def, row, now) -> {
            StepDefinition waiting = waitingAt(def, row, step);
            return waiting == null ? null : transitions.replyFailed(def, row, waiting, reason, now);
        });
    }

    private static StepDefinition waitingAt(SagaDefinition def, SagaRow row, String step) {
        if (!def.hasStep(step)) {
            throw new IllegalArgumentException("Saga " + def.name() + " has no step '" + step + "'; its steps: "
                    + def.steps().stream().map(StepDefinition::name).toList());
        }
        return row.status() == SagaStatus.WAITING && step.equals(row.currentStep()) ? def.step(step) : null;
    }

    /** Decides an operator's change from the locked row; null means "not applicable". */
    @FunctionalInterface
    private interface Decision {
        SagaUpdate decide(SagaDefinition def, SagaRow row, Instant now);
    }

    private boolean changeSaga(UUID id, String what, Decision decision) {
        Objects.requireNonNull(id, "id");
        return change(what + " saga " + id, () -> {
            try (Connection c = dataSource.getConnection()) {
                store.lock(c, id);
                SagaRow row = store.find(c, id);
                if (row == null) {
                    throw new IllegalArgumentException("There is no saga " + id);
                }
                BoundSaga saga = registry.byName(row.name());
                if (saga == null) {
                    throw new IllegalArgumentException("Saga " + id + " is a '" + row.name()
                            + "' saga, which is not registered with this coordinator; registered: " + registry.names());
                }
                Instant now = clock.instant();
                SagaUpdate update = decision.decide(saga.definition(), row, now);
                if (update == null) {
                    return false;
                }
                if (!store.update(c, row, update, null, null, now)) {
                    throw new IllegalStateException("Saga " + id + " changed while locked");
                }
                stepLog.append(c, id, update.history());
                if (observer != null) {
                    observer.transition(row.name(), row.status(), update.status(), "abort".equals(what));
                }
                System.getLogger(JtaSagaCoordinator.class.getName()).log(System.Logger.Level.INFO, "Saga " + row.name()
                        + " " + id + " at step " + row.currentStep() + ": " + (what.endsWith(" of") ? what.substring(0,
                        what.length() - 3) : what) + " (" + row.status() + " -> "
                        + update.status() + ")");
                return true;
            }
        });
    }

    /** Runs a change in the caller's transaction or a new one, and wakes the workers after the commit. */
    private <T> T change(String what, Callable<T> work) {
        try {
            if (inCallerTransaction()) {
                T result = work.call();
                if (transactions.isActive()) {
                    transactions.runAfterCommit(wakeKey, wake);
                }
                return result;
            }
            T result = transactions.inNewTransaction(work);
            wake.run();
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SagaStoreException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** A read in the caller's transaction (seeing its writes) or, without one, on the worker pool. */
    private <T> T read(String what, LocalConnections.Work<T> query) {
        try {
            if (inCallerTransaction()) {
                try (Connection c = dataSource.getConnection()) {
                    return query.apply(c);
                }
            }
            return LocalConnections.inTransaction(workerDataSource, query);
        } catch (SQLException e) {
            throw new SagaStoreException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private boolean inCallerTransaction() {
        return transactions.hasTransaction();
    }

    private BoundSaga saga(String name) {
        Objects.requireNonNull(name, "name");
        BoundSaga saga = registry.byName(name);
        if (saga == null) {
            throw new IllegalArgumentException("No saga named '" + name + "' is registered; registered: "
                    + registry.names());
        }
        return saga;
    }

    private static void requireData(SagaDefinition def, Object data, String what) {
        if (data == null) {
            throw new IllegalArgumentException("The " + what + " of saga " + def.name() + " must not be null");
        }
        if (!def.dataType().isInstance(data)) {
            throw new IllegalArgumentException("Saga " + def.name() + " takes data of type " + def.dataType().getName()
                    + ", but the " + what + " is a " + data.getClass().getName());
        }
    }

    /** Another transaction inserted the same idempotency key first. */
    private static final class ConcurrentStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentStartException(String name, String key, SQLException cause) {
            super("Saga " + name + " with idempotency key '" + key + "' already exists", cause);
        }
    }
}

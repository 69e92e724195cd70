package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.tx.Transactions;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaPage;
import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaStoreException;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.UnknownSagaException;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaDefinition;
import dev.ferry.saga.definition.SagaDefinitionReader;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.definition.StepDefinition;
import dev.ferry.saga.observe.SagaObserver;
import dev.ferry.saga.store.SagaQueries;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaStore;
import dev.ferry.saga.store.SagaUpdate;
import dev.ferry.saga.store.StepLog;
import java.lang.System.Logger.Level;
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
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The {@link SagaCoordinator}: writes through the JTA data source, in the caller's transaction when
 * there is one (waking the local workers after it commits) and in a new one otherwise. Operator
 * changes lock the saga row, so they never interleave with a worker's write: a step in flight finds
 * the saga changed and rolls back. Each writes its audit entry to the step log with the change.
 */
final class JtaSagaCoordinator implements SagaCoordinator {

    private static final System.Logger LOG = System.getLogger(JtaSagaCoordinator.class.getName());

    private final DataSource dataSource;
    private final DataSource workerDataSource;
    private final Transactions transactions;
    private final SqlDialect dialect;
    private final SagaStore store;
    private final SagaQueries queries;
    private final StepLog stepLog;
    private final SagaRegistry registry;
    private final Transitions transitions;
    private SagaObserver observer;
    private final SagaViews views;
    private final JsonCodec json;
    private final Clock clock;
    private final Runnable wake;
    private final Object wakeKey;
    private final Supplier<String> actor;

    JtaSagaCoordinator(DataSource dataSource, DataSource workerDataSource, Transactions transactions,
                       SqlDialect dialect, SagaStore store, SagaQueries queries, StepLog stepLog,
                       SagaRegistry registry, Transitions transitions, JsonCodec json, Clock clock, Runnable wake,
                       Supplier<String> actor) {
        this.dataSource = dataSource;
        this.workerDataSource = workerDataSource;
        this.transactions = transactions;
        this.dialect = dialect;
        this.store = store;
        this.queries = queries;
        this.stepLog = stepLog;
        this.registry = registry;
        this.transitions = transitions;
        this.views = new SagaViews(registry, json);
        this.json = json;
        this.clock = clock;
        this.wake = wake;
        this.wakeKey = new Object();
        this.actor = actor;
    }

    /** The same coordinator recording another actor. */
    private JtaSagaCoordinator(JtaSagaCoordinator base, Supplier<String> actor) {
        this.dataSource = base.dataSource;
        this.workerDataSource = base.workerDataSource;
        this.transactions = base.transactions;
        this.dialect = base.dialect;
        this.store = base.store;
        this.queries = base.queries;
        this.stepLog = base.stepLog;
        this.registry = base.registry;
        this.transitions = base.transitions;
        this.views = base.views;
        this.json = base.json;
        this.clock = base.clock;
        this.wake = base.wake;
        this.wakeKey = base.wakeKey;
        this.observer = base.observer;
        this.actor = actor;
    }

    @Override
    public SagaCoordinator withActor(String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank() || actor.length() > SagaDefinitionReader.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("An actor must be 1 to " + SagaDefinitionReader.MAX_NAME_LENGTH
                    + " characters, was '" + actor + "'");
        }
        return new JtaSagaCoordinator(this, () -> actor);
    }

    /**
     * @param observer stores each start's trace context and counts starts and operator changes; set
     *     before the coordinator is handed out (coordinators from {@link #withActor} share it)
     */
    void observe(SagaObserver observer) {
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
            throw new IllegalArgumentException("The saga class " + sagaType.getName()
                    + " is not registered; registered: " + registry.names());
        }
        BoundSaga latest = registry.byName(saga.definition().name());
        if (latest != saga) {
            throw new IllegalArgumentException("The saga class " + sagaType.getName() + " is version "
                    + saga.definition().version() + " of saga " + saga.definition().name() + ", kept to finish its"
                    + " instances; new sagas start on version " + latest.definition().version() + " ("
                    + latest.definition().type().getName() + ")");
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
                        store.insert(c, id, def.name(), def.version(), idempotencyKey, def.first().name(), text,
                                clock.instant());
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
            return Optional.of(views.view(row, stepLog.history(c, id)));
        });
    }

    @Override
    public Optional<SagaView> findByIdempotencyKey(String name, String idempotencyKey) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return read("find saga " + name + " with idempotency key '" + idempotencyKey + "'", c -> {
            UUID id = store.findIdByKey(c, name, idempotencyKey);
            SagaRow row = id == null ? null : store.find(c, id);
            return row == null ? Optional.empty() : Optional.of(views.view(row, stepLog.history(c, id)));
        });
    }

    @Override
    public SagaPage query(SagaQuery query) {
        Objects.requireNonNull(query, "query");
        return read("query sagas", c -> queries.page(c, query, clock.instant()));
    }

    @Override
    public long count(SagaQuery query) {
        Objects.requireNonNull(query, "query");
        return read("count sagas", c -> queries.count(c, query, clock.instant()));
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
    @Deprecated
    public boolean retry(UUID id) {
        return changeSaga(id, "retry", false, (c, def, row, now) -> row.status() == SagaStatus.PARKED
                ? transitions.retried(row, actor(), null, now) : null) != null;
    }

    @Override
    public SagaStatus retryCompensation(UUID id, String reason) {
        return changeSaga(id, "retryCompensation", true, (c, def, row, now) -> {
            allow(row, "retryCompensation", SagaStatus.PARKED);
            return transitions.retried(row, actor(), reason, now);
        });
    }

    @Override
    public SagaStatus resume(UUID id, String reason) {
        return changeSaga(id, "resume", true, (c, def, row, now) -> {
            allow(row, "resume", SagaStatus.SUSPENDED);
            return transitions.resumed(row, actor(), reason, now);
        });
    }

    @Override
    public SagaStatus compensate(UUID id, String reason) {
        return changeSaga(id, "compensate", true, (c, def, row, now) -> {
            allow(row, "compensate", SagaStatus.SUSPENDED);
            return transitions.compensationOrdered(def, row, stepLog.history(c, id), actor(), reason, now);
        });
    }

    @Override
    public SagaStatus skip(UUID id, String step, Object data, String reason) {
        Objects.requireNonNull(step, "step");
        return changeSaga(id, "skip step " + step + " of", true, (c, def, row, now) -> {
            StepDefinition target = requireStep(def, step);
            boolean failed = row.status() == SagaStatus.SUSPENDED
                    || (row.status() == SagaStatus.RUNNING && row.attempts() > 0);
            if (!failed && row.status() != SagaStatus.WAITING) {
                throw new IllegalStateException("Cannot skip step " + step + " of saga " + id + ": the saga is "
                        + row.status() + (row.status() == SagaStatus.RUNNING ? " without a failed attempt" : "")
                        + "; skip applies to a step that failed (SUSPENDED, or RUNNING between attempts) or waits"
                        + " (WAITING)");
            }
            if (!step.equals(row.currentStep())) {
                throw new IllegalStateException("Cannot skip step " + step + " of saga " + id + ": the saga is "
                        + row.status() + " at step " + row.currentStep() + "; only the step it is at can be skipped");
            }
            String text = row.data();
            if (data != null) {
                requireData(def, data, "data");
                text = json.toText(data);
            }
            return transitions.skipped(def, row, target, text, actor(), reason, now);
        });
    }

    @Override
    public SagaStatus cancel(UUID id, String reason) {
        return changeSaga(id, "cancel", false, (c, def, row, now) -> {
            if (row.status().isFinal()) {
                throw new IllegalStateException("Cannot cancel saga " + id + ": it is " + row.status()
                        + ", which is final; cancel applies to a saga that is not");
            }
            return transitions.cancelled(row, actor(), reason, now);
        });
    }

    @Override
    public boolean abort(UUID id) {
        return changeSaga(id, "abort", true, (c, def, row, now) -> {
            if (row.status() != SagaStatus.RUNNING && row.status() != SagaStatus.WAITING) {
                return null;
            }
            return transitions.aborted(def, row, stepLog.history(c, id), actor(), null, now);
        }) != null;
    }

    @Override
    public SagaStatus abort(UUID id, String reason) {
        return changeSaga(id, "abort", true, (c, def, row, now) -> {
            if (row.status() != SagaStatus.RUNNING && row.status() != SagaStatus.WAITING) {
                throw new IllegalStateException("Cannot abort saga " + id + ": it is " + row.status()
                        + "; abort applies to a RUNNING or WAITING saga");
            }
            return transitions.aborted(def, row, stepLog.history(c, id), actor(), reason, now);
        });
    }

    @Override
    public boolean completeStep(UUID id, String step, Object reply) {
        Objects.requireNonNull(step, "step");
        return changeSaga(id, "complete step " + step + " of", true, (c, def, row, now) -> {
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
        }) != null;
    }

    @Override
    public boolean failStep(UUID id, String step, String reason) {
        Objects.requireNonNull(step, "step");
        return changeSaga(id, "fail step " + step + " of", true, (c, def, row, now) -> {
            StepDefinition waiting = waitingAt(def, row, step);
            return waiting == null ? null
                    : transitions.replyFailed(def, row, waiting, reason, now, stepLog.history(c, id));
        }) != null;
    }

    private static StepDefinition waitingAt(SagaDefinition def, SagaRow row, String step) {
        StepDefinition target = requireStep(def, step);
        return row.status() == SagaStatus.WAITING && step.equals(row.currentStep()) ? target : null;
    }

    private static StepDefinition requireStep(SagaDefinition def, String step) {
        StepDefinition target = def.find(step);
        if (target == null) {
            throw new IllegalArgumentException("Saga " + def.name() + " version " + def.version() + " has no step '"
                    + step + "'; its steps: " + def.steps().stream().map(StepDefinition::name).toList());
        }
        return target;
    }

    private static void allow(SagaRow row, String action, SagaStatus required) {
        if (row.status() != required) {
            throw new IllegalStateException("Cannot " + action + " saga " + row.id() + ": it is " + row.status()
                    + "; " + action + " applies to a " + required + " saga");
        }
    }

    /** The actor of an operator action, fitted to the audit column. */
    private String actor() {
        String who = actor.get();
        if (who == null || who.isBlank()) {
            return "anonymous";
        }
        return who.length() > SagaDefinitionReader.MAX_NAME_LENGTH
                ? who.substring(0, SagaDefinitionReader.MAX_NAME_LENGTH) : who;
    }

    /** Decides an operator's change from the locked row; null means "not applicable". */
    @FunctionalInterface
    private interface Decision {
        /**
         * @param def the definition of the saga's version; null for an action that needs none when the
         *     version is not registered
         */
        SagaUpdate decide(Connection c, SagaDefinition def, SagaRow row, Instant now) throws SQLException;
    }

    /** @return the new status, or null when the decision found the change not applicable */
    private SagaStatus changeSaga(UUID id, String what, boolean needsDefinition, Decision decision) {
        Objects.requireNonNull(id, "id");
        return change(what + " saga " + id, () -> {
            try (Connection c = dataSource.getConnection()) {
                store.lock(c, id);
                SagaRow row = store.find(c, id);
                if (row == null) {
                    throw new UnknownSagaException(id);
                }
                BoundSaga saga = registry.byName(row.name(), row.definitionVersion());
                if (saga == null && needsDefinition) {
                    throw new IllegalStateException("Cannot " + what + " saga " + id + ": it is a '" + row.name()
                            + "' saga of version " + row.definitionVersion() + ", which is not registered with this"
                            + " coordinator (registered: " + registry.names() + ", versions "
                            + registry.versions(row.name()) + ")");
                }
                Instant now = clock.instant();
                SagaUpdate update = decision.decide(c, saga == null ? null : saga.definition(), row, now);
                if (update == null) {
                    return null;
                }
                if (!store.update(c, row, update, null, null, now)) {
                    throw new IllegalStateException("Saga " + id + " changed while locked");
                }
                stepLog.append(c, id, update.history());
                if (observer != null) {
                    observer.transition(row.name(), row.status(), update.status());
                }
                LOG.log(Level.INFO, "Saga " + row.name() + " " + id + " at step " + row.currentStep() + ": "
                        + (what.endsWith(" of") ? what.substring(0, what.length() - 3) : what) + " (" + row.status()
                        + " -> " + update.status() + ")");
                return update.status();
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

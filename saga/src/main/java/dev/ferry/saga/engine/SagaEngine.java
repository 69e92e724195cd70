package dev.ferry.saga.engine;

import dev.ferry.runtime.engine.EngineBuilder;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.tx.Transactions;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaDefinitionException;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.definition.StepDefinition;
import dev.ferry.saga.observe.SagaObserver;
import dev.ferry.saga.store.EngineTable;
import dev.ferry.saga.store.SagaProgress;
import dev.ferry.saga.store.SagaPurge;
import dev.ferry.saga.store.SagaQueries;
import dev.ferry.saga.store.SagaSchema;
import dev.ferry.saga.store.SagaStatistics;
import dev.ferry.saga.store.SagaStore;
import dev.ferry.saga.store.StepLog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The whole saga engine, assembled: the registered sagas, the {@link SagaCoordinator} and the
 * workers that run steps and compensations.
 *
 * <pre>{@code
 * SagaEngine engine = SagaEngine.builder()
 *         .environment(env)                  // or dataSource(..), workerDataSource(..), transactions(..)
 *         .schema("app").workers(4)          // or settings(SagaSettings.builder()...build())
 *         .register(OrderSaga.class)         // or register(OrderSaga.class, bean)
 *         .createTables(true)                // development convenience
 *         .build();
 * SagaCoordinator sagas = engine.start().coordinator();
 * UUID id = sagas.start(OrderSaga.class, new OrderData(...));
 * ...
 * engine.close();                            // graceful: finishes the steps in flight
 * }</pre>
 *
 * <p>Any number of engines, in any number of JVMs, may share the tables: each claims due sagas with
 * {@code SKIP LOCKED} and a lease, and resumes the sagas of an engine that stopped once its leases
 * expire. Each engine runs only the sagas registered with it. An engine's identity is its
 * {@link SagaSettings#workerId()}: an engine restarted with the same identity (a server's node name,
 * by default) takes back the sagas its previous run left leased at once, and an engine refuses to
 * start while another running engine holds its identity.
 */
public final class SagaEngine implements AutoCloseable {

    private final SagaSettings settings;
    private final SagaRegistry registry;
    private final SagaWorkers workers;
    private final EngineIdentity identity;
    private final Transactions transactions;
    private final JtaSagaCoordinator coordinator;
    private final SagaObserver observer;
    private final UnregisteredVersions versionCheck;
    /** Purges finished sagas past the retention; null when they are kept for ever. */
    private final PollingLoop purgeLoop;
    /** Reads the database's clock (on start, then the workers every minute). */
    private final Runnable clockRefresh;
    private final SagaStatistics statistics;
    private final JsonCodec json;

    private SagaEngine(Builder b, SagaSettings settings) {
        this.settings = settings;
        this.registry = b.registry.copy(); // sagas registered with the builder later do not reach this engine
        SqlDialect dialect = b.resolvedDialect();
        if (b.createTables()) {
            SagaSchema.createIfMissing(b.workerDataSource(), dialect, settings);
        }
        SagaStore store = new SagaStore(dialect, settings.instanceTable());
        StepLog stepLog = new StepLog(dialect, settings.stepTable());
        StepRunner runner = new StepRunner(b.dataSource(), b.workerDataSource(), b.transactions(), store,
                new SagaProgress(dialect, store, stepLog), stepLog, settings, b.json(), b.clock());
        this.identity = new EngineIdentity(b.workerDataSource(), new EngineTable(dialect, settings.engineTable()),
                store, settings.workerId(), b.threadFactory(), b.clock());
        this.transactions = b.transactions();
        this.clockRefresh = b.clockRefresh();
        this.workers = new SagaWorkers(b.workerDataSource(), store, registry, runner, settings, b.threadFactory(),
                b.clock(), b.clockRefresh(), identity::lost);
        this.coordinator = new JtaSagaCoordinator(b.dataSource(), b.workerDataSource(), b.transactions(), dialect,
                store, new SagaQueries(dialect, settings.instanceTable()), stepLog, registry, new Transitions(settings),
                b.json(), b.clock(), workers::wake, b.actor);
        this.json = b.json();
        this.statistics = new SagaStatistics(b.workerDataSource(), dialect, settings);
        this.observer = new SagaObserver(b.workerDataSource(), settings, b.telemetry(), b.healthThresholds(),
                workers::deadThreads);
        runner.observe(observer);
        coordinator.observe(observer);
        this.versionCheck = new UnregisteredVersions(b.workerDataSource(), store, registry, settings, b.clock(),
                observer);
        if (settings.retention().isZero()) {
            this.purgeLoop = null;
        } else {
            SagaPurge purge = new SagaPurge(b.workerDataSource(), dialect, settings, b.clock());
            this.purgeLoop = new PollingLoop("ferry-saga-purge-" + settings.workerId(), b.threadFactory(), 1,
                    settings.purgeInterval(), purge::purgeOnce);
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * For tools that show and edit saga data as JSON (the console): the step names of a registered
     * saga, in order.
     *
     * @param name the saga name
     * @param version the definition version
     * @return its step names, or an empty list when that version is not registered with this engine
     */
    public List<String> stepNames(String name, int version) {
        BoundSaga saga = registry.byName(name, version);
        return saga == null ? List.of() : saga.definition().steps().stream().map(StepDefinition::name).toList();
    }

    /**
     * For tools that show saga data: the data as JSON, written by this engine's codec.
     *
     * @param data saga data as {@link dev.ferry.saga.SagaView#data()} gives it (a JSON text when the
     *     saga is not registered), or null
     * @return its JSON text, or null
     */
    public String dataToJson(Object data) {
        if (data == null || data instanceof String) {
            return (String) data;
        }
        return json.toText(data);
    }

    /**
     * For tools that edit saga data: reads JSON as the data type of a registered saga version, for
     * {@link SagaCoordinator#skip}.
     *
     * @param name the saga name
     * @param version the definition version
     * @param text JSON text
     * @return an instance of the saga's data type
     * @throws IllegalArgumentException if that version is not registered here, or the text is not JSON of
     *     the data type
     */
    public Object dataFromJson(String name, int version, String text) {
        BoundSaga saga = registry.byName(name, version);
        if (saga == null) {
            throw new IllegalArgumentException("Saga " + name + " version " + version + " is not registered with"
                    + " this engine; its data cannot be read");
        }
        try {
            return json.fromText(text, saga.definition().dataType());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The data is not JSON of " + saga.definition().dataType()
                    .getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return read-only figures of the saga tables for an operator's overview (not part of the API:
     *     the console uses them)
     */
    public SagaStatistics statistics() {
        return statistics;
    }

    /**
     * Checks that no in-flight saga is stranded, takes this engine's identity (see the class comment),
     * then starts the workers (and, unless {@link SagaSettings#retention()} is zero, the purge of
     * finished sagas past the retention). In-flight instances (RUNNING, WAITING, COMPENSATING) of a saga this
     * engine runs, on a version that is not registered, make the start fail, or are parked, as
     * {@link SagaSettings#unknownVersions()} says. When the last engine with this identity stopped
     * without a goodbye less than a few seconds ago, this waits up to {@code 6 s} to tell whether it is
     * still running. On a started engine, does nothing.
     *
     * @return this engine ({@link #coordinator()} starts and steers sagas)
     * @throws IllegalStateException when in-flight instances of an unregistered version exist (the
     *     message names the saga, the version and the count) and the policy is FAIL; when another
     *     running engine holds this engine's identity ({@link SagaSettings#workerId()}); or when the
     *     tables cannot be read
     */
    public synchronized SagaEngine start() {
        if (!workers.isRunning()) {
            try {
                // Ferry's own local transactions: never inside a caller's JTA transaction.
                transactions.outsideTransaction(() -> {
                    clockRefresh.run();
                    versionCheck.check();
                    identity.take();
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Saga engine " + settings.workerId() + " cannot start: " + e, e);
            }
            workers.start();
            if (purgeLoop != null) {
                purgeLoop.start();
            }
        }
        return this;
    }

    /**
     * @return the coordinator; usable before {@link #start()} (sagas started then run once the
     *     workers of some engine run)
     */
    public SagaCoordinator coordinator() {
        return coordinator;
    }

    /**
     * The saga engine's health, as MicroProfile Health reports it in a server: liveness
     * {@code ferry-saga-workers} (DOWN when a worker thread died), readiness {@code ferry-saga} (DOWN
     * when the database does not answer, or more sagas wait for an operator, PARKED and SUSPENDED
     * together, than a threshold given to the builder allows), each with its figures. Reads the
     * database (the figures at most every 5 s).
     *
     * @return the engine's health
     */
    public HealthReport health() {
        return observer.health();
    }

    /** @return the saga figures and health checks */
    public SagaObserver observer() {
        return observer;
    }

    /** @return the settings in force */
    public SagaSettings settings() {
        return settings;
    }

    /** @return the names of the sagas this engine runs, in the order they were registered */
    public List<String> sagaNames() {
        return registry.names();
    }

    /**
     * Stops the workers: each finishes the step in flight, then this engine's leases are released so
     * other engines take its sagas over at once.
     *
     * @param timeout how long to wait for the workers
     * @return whether every worker ended in time
     */
    public synchronized boolean stop(Duration timeout) {
        boolean ended = workers.stop(timeout);
        if (purgeLoop != null && !purgeLoop.stop(timeout)) {
            ended = false;
        }
        identity.leave();
        observer.close();
        return ended;
    }

    /** Stops gracefully, waiting up to 30 s for the steps in flight; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** Assembles a {@link SagaEngine}; see {@link EngineBuilder} for the shared settings. */
    public static final class Builder extends EngineBuilder<Builder> {
        private SagaSettings.Builder settings = SagaSettings.builder();
        private final SagaRegistry registry = new SagaRegistry();
        private Supplier<String> actor = () -> "anonymous";

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param settings all saga settings, replacing those set so far
         * @return this builder
         */
        public Builder settings(SagaSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /**
         * @param schema the schema of the saga tables (default: the connection's); see
         *     {@link SagaSettings.Builder#schema}
         * @return this builder
         */
        public Builder schema(String schema) {
            settings.schema(schema);
            return this;
        }

        /**
         * @param workers worker threads in this JVM (default 2); see {@link SagaSettings.Builder#workers}
         * @return this builder
         */
        public Builder workers(int workers) {
            settings.workers(workers);
            return this;
        }

        /**
         * @param actor names who takes an operator action, asked at each action (for example the
         *     caller's principal in a container); default {@code "anonymous"}. In Java SE,
         *     {@link SagaCoordinator#withActor(String)} names the actor per call site instead
         * @return this builder
         */
        public Builder actor(Supplier<String> actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /**
         * Registers a saga class, instantiated with its no-argument constructor.
         *
         * @param sagaClass a class annotated with {@link dev.ferry.saga.Saga}
         * @return this builder
         * @throws SagaDefinitionException if the definition is invalid or its name and version are taken
         */
        public Builder register(Class<?> sagaClass) {
            registry.register(sagaClass);
            return this;
        }

        /**
         * Registers a saga object; its class holds the definition.
         *
         * @param saga an instance of a class annotated with {@link dev.ferry.saga.Saga}
         * @return this builder
         * @throws SagaDefinitionException if the definition is invalid or its name and version are taken
         */
        public Builder register(Object saga) {
            if (saga instanceof Class<?> c) {
                return register(c);
            }
            registry.register(saga.getClass(), saga);
            return this;
        }

        /**
         * Registers a saga with the object that runs its steps, for example a container's proxy.
         *
         * @param sagaClass the annotated class
         * @param saga an instance of it
         * @param <T> the class
         * @return this builder
         * @throws SagaDefinitionException if the definition is invalid or its name and version are taken
         */
        public <T> Builder register(Class<T> sagaClass, T saga) {
            registry.register(sagaClass, saga);
            return this;
        }

        /**
         * @return the engine, not yet started
         * @throws IllegalStateException if a data source, the transactions or every saga is missing
         * @throws IllegalArgumentException naming an invalid setting
         */
        public SagaEngine build() {
            requireResources("SagaEngine");
            if (registry.isEmpty()) {
                throw new IllegalStateException("SagaEngine needs at least one registered saga");
            }
            return new SagaEngine(this, settings.build());
        }
    }
}

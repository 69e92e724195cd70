package dev.ferry.runtime.engine;

import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.jdbc.DatabaseClock;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.tx.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * What every Ferry engine (outbox, inbox, sagas) is built from: the JTA data source application
 * code writes through, a data source for Ferry's own local transactions, the JTA transaction
 * manager, and optionally the dialect, JSON codec, thread factory and clock.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class EngineBuilder<B extends EngineBuilder<B>> {

    /** How old a reading of the database's clock may grow. */
    private static final Duration CLOCK_REFRESH = Duration.ofMinutes(1);

    private DataSource dataSource;
    private DataSource workerDataSource;
    private Transactions transactions;
    private SqlDialect dialect;
    private JsonCodec json;
    private ThreadFactory threadFactory = Thread::new;
    /** The clock given, or null for the database's. */
    private Clock clock;
    private DatabaseClock databaseClock;
    private boolean createTables;
    private Telemetry telemetry = Telemetry.none();
    private HealthThresholds healthThresholds = HealthThresholds.none();

    /** For subclasses. */
    protected EngineBuilder() {
    }

    /**
     * @return this builder, as its concrete type
     */
    protected abstract B self();

    /**
     * Takes the data sources and transaction manager of a Java SE environment.
     *
     * @param env the environment
     * @return this builder
     */
    public B environment(JavaSeEnvironment env) {
        return dataSource(env.dataSource()).workerDataSource(env.workerDataSource()).transactions(env.transactions());
    }

    /**
     * @param dataSource the JTA data source application code writes through
     * @return this builder
     */
    public B dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return self();
    }

    /**
     * @param dataSource a data source for Ferry's own short local transactions, used outside JTA
     *     transactions (in a container it may be the JTA data source itself)
     * @return this builder
     */
    public B workerDataSource(DataSource dataSource) {
        this.workerDataSource = dataSource;
        return self();
    }

    /**
     * @param transactions access to the JTA transaction manager
     * @return this builder
     */
    public B transactions(Transactions transactions) {
        this.transactions = transactions;
        return self();
    }

    /**
     * @param dialect the database's dialect (default: detected from the worker data source)
     * @return this builder
     */
    public B dialect(SqlDialect dialect) {
        this.dialect = dialect;
        return self();
    }

    /**
     * @param json the JSON codec (default: {@link JsonCodec#detect()}, Jackson when it is on the
     *     class path; in a server Ferry uses the server's JSON-B)
     * @return this builder
     */
    public B json(JsonCodec json) {
        this.json = Objects.requireNonNull(json, "json");
        return self();
    }

    /**
     * @param threadFactory makes Ferry's threads (in a container: its ManagedThreadFactory)
     * @return this builder
     */
    public B threadFactory(ThreadFactory threadFactory) {
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        return self();
    }

    /**
     * Replaces the database's clock (the default, {@link DatabaseClock}) for due times, deadlines,
     * backoffs and timestamps that Ferry computes in Java. Leases are decided by the database's
     * clock in SQL whatever is given here.
     *
     * @param clock the clock (tests)
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * @param create create missing tables when the engine is built (development)
     * @return this builder
     */
    public B createTables(boolean create) {
        this.createTables = create;
        return self();
    }

    /**
     * Records traces and metrics through OpenTelemetry: the caller's trace context is stored with
     * each message and saga and continued by the relay, the brokers' headers and the saga steps, and
     * metrics under {@code ferry.} are recorded (README, "Observability"). Without this call Ferry
     * records none (pass {@code GlobalOpenTelemetry.get()} to use the agent's or the global one).
     *
     * @param openTelemetry the OpenTelemetry to record through
     * @return this builder
     */
    public B openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
        this.telemetry = Telemetry.of(Objects.requireNonNull(openTelemetry, "openTelemetry"));
        return self();
    }

    /**
     * @param telemetry Ferry's telemetry ({@link Telemetry#of(Object)}; a server passes the one it
     *     found through CDI)
     * @return this builder
     */
    public B telemetry(Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        return self();
    }

    /**
     * @param thresholds readiness thresholds for {@code engine.health()} (default: none)
     * @return this builder
     */
    public B healthThresholds(HealthThresholds thresholds) {
        this.healthThresholds = Objects.requireNonNull(thresholds, "thresholds");
        return self();
    }

    /**
     * @return the telemetry ({@link Telemetry#none()} unless given)
     */
    public Telemetry telemetry() {
        return telemetry;
    }

    /**
     * @return the readiness thresholds
     */
    public HealthThresholds healthThresholds() {
        return healthThresholds;
    }

    /**
     * Checks that the data sources and transaction manager were given.
     *
     * @param engine the engine's name, for the message
     * @throws IllegalStateException naming what is missing
     */
    protected void requireResources(String engine) {
        require(engine, dataSource, "dataSource (the JTA data source)");
        require(engine, workerDataSource, "workerDataSource (a data source for Ferry's local transactions)");
        require(engine, transactions, "transactions (the JTA transaction manager)");
    }

    /**
     * @param engine the engine's name, for the message
     * @param value a required value
     * @param what what it is
     * @throws IllegalStateException naming it if it is null
     */
    protected static void require(String engine, Object value, String what) {
        if (value == null) {
            throw new IllegalStateException(engine + " needs a " + what);
        }
    }

    /**
     * @return the JTA data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * @return the data source for local transactions
     */
    public DataSource workerDataSource() {
        return workerDataSource;
    }

    /**
     * @return the JTA access
     */
    public Transactions transactions() {
        return transactions;
    }

    /**
     * @return the dialect given, or the one detected from the worker data source
     */
    public SqlDialect resolvedDialect() {
        return dialect != null ? dialect : SqlDialects.detect(workerDataSource);
    }

    /**
     * @return the JSON codec given, or the one detected the first time this is called
     * @throws IllegalStateException if none was given and no JSON binding is on the class path
     */
    public JsonCodec json() {
        if (json == null) {
            json = JsonCodec.detect();
        }
        return json;
    }

    /**
     * @return the thread factory
     */
    public ThreadFactory threadFactory() {
        return threadFactory;
    }

    /**
     * @return the clock given, or else the database's clock (made once, read first by
     *     {@link #clockRefresh()}; until then it is this JVM's)
     */
    public Clock clock() {
        if (clock != null) {
            return clock;
        }
        if (databaseClock == null) {
            databaseClock = new DatabaseClock(workerDataSource, resolvedDialect(), CLOCK_REFRESH, System::nanoTime);
        }
        return databaseClock;
    }

    /**
     * @return what an engine's own threads run now and then (outside any JTA transaction): reads
     *     the database's clock when its last reading is older than a minute; does nothing when a
     *     clock was given
     */
    public Runnable clockRefresh() {
        return clock() instanceof DatabaseClock d ? d::refreshIfOlder : () -> { };
    }

    /**
     * @return whether missing tables are created
     */
    public boolean createTables() {
        return createTables;
    }
}

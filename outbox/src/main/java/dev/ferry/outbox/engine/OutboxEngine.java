package dev.ferry.outbox.engine;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.admin.JdbcOutboxAdmin;
import dev.ferry.outbox.admin.OutboxAuditLog;
import dev.ferry.outbox.admin.OutboxStatistics;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.observe.OutboxObserver;
import dev.ferry.outbox.relay.OutboxRelay;
import dev.ferry.outbox.retention.RetentionPurger;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.write.JtaOutbox;
import dev.ferry.runtime.engine.EngineBuilder;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.wake.CrossNodeWakeUps;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The whole outbox, assembled: the {@link Outbox} that application code writes through, the relay
 * that publishes, the admin operations and the retention purge.
 *
 * <pre>{@code
 * OutboxEngine engine = OutboxEngine.builder()
 *         .environment(env)                          // or dataSource(..), workerDataSource(..), transactions(..)
 *         .settings(OutboxSettings.builder().schema("app").build())
 *         .publisher(new InProcessPublisher(m -> System.out.println(m)))
 *         .createTables(true)                        // development convenience
 *         .build();
 * engine.start();
 * Outbox outbox = engine.outbox();
 * ...
 * engine.close();                                    // graceful: finishes the batch in flight
 * }</pre>
 *
 * <p>The relay threads run {@link OutboxRelay#relayOnce()} again at once while they find messages,
 * are woken after every commit that wrote messages, and otherwise poll every {@code pollInterval}.
 * On PostgreSQL a commit in another JVM wakes them too, through {@code LISTEN/NOTIFY}, when that JVM's
 * own relay is not running or busy ({@link OutboxSettings.Builder#crossNodeWakeUps}).
 *
 * <p>An engine built without a {@linkplain Builder#publisher publisher} only writes: a JVM that
 * writes messages while other JVMs relay them needs none. Its {@link #outbox()} and {@link #admin()}
 * work without {@link #start()}, which it refuses.
 */
public final class OutboxEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    /**
     * The relay's publisher in an engine built without one. {@link #start()} refuses to run that
     * relay; a batch handed to it anyway ({@code relay().relayOnce()}) fails as "broker unavailable",
     * which counts no attempt against its messages.
     */
    private static final MessagePublisher NO_PUBLISHER = (batch, report) -> {
        throw new BrokerUnavailableException("This OutboxEngine was built without a publisher: it only writes",
                null);
    };

    private final OutboxSettings settings;
    private final OutboxRelay relay;
    private final PollingLoop relayLoop;
    private final JtaOutbox outbox;
    private final JdbcOutboxAdmin admin;
    private final PollingLoop purgeLoop;
    private final MessagePublisher publisher;
    private final OutboxObserver observer;
    private final OutboxStatistics statistics;
    private final CrossNodeWakeUps otherNodes;

    private OutboxEngine(Builder b) {
        this.settings = b.settings.build();
        this.publisher = b.publisher;
        SqlDialect dialect = b.resolvedDialect();
        if (b.createTables()) {
            SchemaInstaller installer = new SchemaInstaller(b.workerDataSource(), dialect);
            installer.createIfMissing("outbox", settings.table());
            installer.createIfMissing(OutboxAuditLog.COMPONENT, OutboxAuditLog.table(settings));
        }
        this.relay = OutboxRelay.create(b.workerDataSource(), dialect, settings, b.json(),
                publisher != null ? publisher : NO_PUBLISHER, b.clock(), b.telemetry(), b.threadFactory(),
                b.clockRefresh());
        this.relayLoop = new PollingLoop("ferry-relay-" + settings.relayId(), b.threadFactory(),
                settings.relayThreads(), settings.pollInterval(), relay::relayOnce);
        this.otherNodes = settings.crossNodeWakeUps()
                ? CrossNodeWakeUps.of(dialect, b.workerDataSource(), settings.table(), b.threadFactory(),
                        "ferry-wake-" + settings.relayId(), new LocalRelay(relayLoop))
                : CrossNodeWakeUps.none();
        Runnable committed = new CommitWakeUp(relayLoop, otherNodes);
        this.outbox = new JtaOutbox(b.dataSource(), b.transactions(), dialect, settings, b.json(), committed,
                b.clock(), b.telemetry());
        this.observer = new OutboxObserver(b.workerDataSource(), dialect, settings, relay,
                publisher != null ? relayLoop : null, b.telemetry(), b.healthThresholds(), b.clock());
        this.admin = new JdbcOutboxAdmin(b.dataSource(), b.workerDataSource(), b.transactions(), dialect, settings,
                b.json(), committed, b.clock(), b.actor);
        this.statistics = new OutboxStatistics(b.workerDataSource(), dialect, settings, b.clock());
        if (settings.retention().isZero()) {
            this.purgeLoop = null;
        } else {
            RetentionPurger purger = new RetentionPurger(b.workerDataSource(), dialect, settings, b.clock());
            this.purgeLoop = new PollingLoop("ferry-outbox-purge-" + settings.relayId(), b.threadFactory(), 1,
                    settings.purgeInterval(), purger::purgeOnce);
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the outbox application code writes through */
    public Outbox outbox() {
        return outbox;
    }

    /** @return operator actions on dead messages */
    public OutboxAdmin admin() {
        return admin;
    }

    /**
     * @return read-only figures per topic and of the last hour, for an operator's overview (not part
     *     of the API: the console uses them)
     */
    public OutboxStatistics statistics() {
        return statistics;
    }

    /** @return the relay: whether it pauses for a broker outage, what it published; one batch by hand */
    public OutboxRelay relay() {
        return relay;
    }

    /**
     * The outbox's health, as MicroProfile Health reports it in a server: liveness
     * {@code ferry-outbox-relay} (DOWN when a relay thread died), readiness {@code ferry-outbox}
     * (DOWN when the database does not answer, or a threshold given to the builder is passed), each
     * with its figures. Reads the database (the backlog at most every 5 s). An engine built without a
     * publisher runs no relay threads, so its report has readiness only.
     *
     * @return the outbox's health
     */
    public HealthReport health() {
        return observer.health();
    }

    /** @return the outbox's backlog figures and health checks */
    public OutboxObserver observer() {
        return observer;
    }

    /** @return the settings in force */
    public OutboxSettings settings() {
        return settings;
    }

    /**
     * Starts the relay threads (and the purge, with a retention); on a started engine, does nothing.
     *
     * @return this engine
     * @throws IllegalStateException if the engine was built without a publisher
     */
    public synchronized OutboxEngine start() {
        if (publisher == null) {
            throw new IllegalStateException("This OutboxEngine was built without a publisher, so it only writes:"
                    + " outbox() and admin() work without start(). Build it with publisher(..) to relay messages");
        }
        if (!relayLoop.isRunning()) {
            relayLoop.start();
            otherNodes.listen(relayLoop::wake);
            if (purgeLoop != null) {
                purgeLoop.start();
            }
        }
        return this;
    }

    /**
     * Stops the relay and the purge, each finishing the batch in flight, and closes the publisher;
     * this JVM no longer wakes other JVMs' relays.
     *
     * @param timeout how long to wait for each of them
     * @return whether every thread ended in time
     */
    public synchronized boolean stop(Duration timeout) {
        otherNodes.close();
        boolean ended = purgeLoop == null || purgeLoop.stop(timeout);
        if (!relayLoop.stop(timeout)) {
            LOG.log(Level.WARNING, "Relay " + settings.relayId() + " did not stop within " + timeout
                    + "; its batch in flight is freed when its transaction ends");
            ended = false;
        }
        relay.close();
        if (publisher != null) {
            publisher.close();
        }
        observer.close();
        return ended;
    }

    /** Stops gracefully, waiting up to 30 s for the batch in flight; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** Assembles an {@link OutboxEngine}; see {@link EngineBuilder} for the shared settings. */
    public static final class Builder extends EngineBuilder<Builder> {
        private OutboxSettings.Builder settings = OutboxSettings.builder();
        private MessagePublisher publisher;
        private Supplier<String> actor = () -> "anonymous";

        private Builder() {
        }

        /**
         * @param actor names who takes an operator action on dead messages, asked at each action (for
         *     example the caller's principal in a container); default {@code "anonymous"}.
         *     {@link OutboxAdmin#withActor(String)} names the actor per call site instead
         * @return this builder
         */
        public Builder actor(Supplier<String> actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param settings all outbox settings, replacing those set so far
         * @return this builder
         */
        public Builder settings(OutboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /**
         * @param schema the schema of the outbox table (default: the connection's); see
         *     {@link OutboxSettings.Builder#schema}
         * @return this builder
         */
        public Builder schema(String schema) {
            settings.schema(schema);
            return this;
        }

        /**
         * @param threads relay threads in this JVM (default 1); see {@link OutboxSettings.Builder#relayThreads}
         * @return this builder
         */
        public Builder relayThreads(int threads) {
            settings.relayThreads(threads);
            return this;
        }

        /**
         * @param publisher where the relay sends messages; without one the engine only writes (see
         *     {@link OutboxEngine})
         * @return this builder
         */
        public Builder publisher(MessagePublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /**
         * @return the engine, not yet started
         * @throws IllegalStateException naming what is missing
         * @throws IllegalArgumentException naming an invalid setting
         */
        public OutboxEngine build() {
            requireResources("OutboxEngine");
            return new OutboxEngine(this);
        }
    }
}

package dev.ferry.outbox.inbox;

import dev.ferry.inbox.Inbox;
import dev.ferry.runtime.engine.EngineBuilder;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.SqlDialect;
import java.time.Duration;
import java.util.Objects;

/**
 * The inbox, assembled: the {@link Inbox} consumers receive through, and the purge of expired ids.
 *
 * <pre>{@code
 * InboxEngine inboxes = InboxEngine.builder()
 *         .environment(env)   // or dataSource(..), workerDataSource(..), transactions(..)
 *         .settings(InboxSettings.builder().schema("app").consumer("billing").build())
 *         .createTables(true) // development convenience
 *         .build()
 *         .start();           // starts the purge
 * Inbox inbox = inboxes.inbox();
 * }</pre>
 */
public final class InboxEngine implements AutoCloseable {

    private final InboxSettings settings;
    private final JdbcInbox inbox;
    private final PollingLoop purgeLoop;

    private InboxEngine(Builder b) {
        this.settings = b.settings.build();
        SqlDialect dialect = b.resolvedDialect();
        if (b.createTables()) {
            new SchemaInstaller(b.workerDataSource(), dialect).createIfMissing("inbox", settings.table());
        }
        this.inbox = new JdbcInbox(b.dataSource(), b.transactions(), dialect, settings, b.clock(), b.telemetry());
        InboxPurger purger = new InboxPurger(b.workerDataSource(), dialect, settings, b.clock());
        Runnable clockRefresh = b.clockRefresh(); // received_at and the purge's cutoff: the database's clock
        this.purgeLoop = new PollingLoop("ferry-inbox-purge-" + settings.consumer(), b.threadFactory(), 1,
                settings.purgeInterval(), () -> {
                    clockRefresh.run();
                    return purger.purgeOnce();
                });
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the inbox consumers receive through */
    public Inbox inbox() {
        return inbox;
    }

    /** @return the settings in force */
    public InboxSettings settings() {
        return settings;
    }

    /**
     * Starts purging expired ids every purge interval; on a started engine, does nothing.
     *
     * @return this engine
     */
    public synchronized InboxEngine start() {
        if (!purgeLoop.isRunning()) {
            purgeLoop.start();
        }
        return this;
    }

    /**
     * Stops the purge, finishing the batch in flight.
     *
     * @param timeout how long to wait for it
     * @return whether it ended in time
     */
    public synchronized boolean stop(Duration timeout) {
        return purgeLoop.stop(timeout);
    }

    /** Stops the purge, waiting up to 30 s for the batch in flight; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** Assembles an {@link InboxEngine}; see {@link EngineBuilder} for the shared settings. */
    public static final class Builder extends EngineBuilder<Builder> {
        private InboxSettings.Builder settings = InboxSettings.builder();

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param settings all inbox settings, replacing those set so far
         * @return this builder
         */
        public Builder settings(InboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /**
         * @param schema the schema of the inbox table (default: the connection's); see
         *     {@link InboxSettings.Builder#schema}
         * @return this builder
         */
        public Builder schema(String schema) {
            settings.schema(schema);
            return this;
        }

        /**
         * @return the engine, its purge not yet started
         * @throws IllegalStateException naming what is missing
         * @throws IllegalArgumentException naming an invalid setting
         */
        public InboxEngine build() {
            requireResources("InboxEngine");
            return new InboxEngine(this);
        }
    }
}

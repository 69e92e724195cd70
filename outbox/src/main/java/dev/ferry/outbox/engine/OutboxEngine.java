package dev.ferry.outbox.engine;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.admin.JdbcOutboxAdmin;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.relay.OutboxRelay;
import dev.ferry.outbox.retention.RetentionPurger;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.write.JtaOutbox;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.tx.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

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
 */
public final class OutboxEngine implements AutoCloseable {

    private final OutboxSettings settings;
    private final OutboxRelay relay;
    private final JtaOutbox outbox;
    private final JdbcOutboxAdmin admin;
    private final PollingLoop purgeLoop;
    private final MessagePublisher publisher;

    private OutboxEngine(Builder b) {
        this.settings = b.settings;
        this.publisher = b.publisher;
        SqlDialect dialect = b.dialect != null ? b.dialect : SqlDialects.detect(b.workerDataSource);
        if (b.createTables) {
            new SchemaInstaller(b.workerDataSource, dialect).createIfMissing("outbox", settings.table());
        }
        this.relay = new OutboxRelay(b.workerDataSource, dialect, settings, b.json, b.publisher, b.threadFactory, b.clock);
        this.outbox = new JtaOutbox(b.dataSource, b.transactions, dialect, settings, b.json, relay::wake, b.clock);
        this.admin = new JdbcOutboxAdmin(b.workerDataSource, dialect, settings, relay::wake, b.clock);
        if (settings.retention().isZero()) {
            this.purgeLoop = null;
        } else {
            RetentionPurger purger = new RetentionPurger(b.workerDataSource, dialect, settings, b.clock);
            this.purgeLoop = new PollingLoop("ferry-outbox-purge-" + settings.relayId(), b.threadFactory, 1,
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

    /** @return the relay */
    public OutboxRelay relay() {
        return relay;
    }

    /** @return the settings in force */
    public OutboxSettings settings() {
        return settings;
    }

    /**
     * Starts the relay (and the purge, with a retention).
     *
     * @return this engine
     */
    public OutboxEngine start() {
        relay.start();
        if (purgeLoop != null) {
            purgeLoop.start();
        }
        return this;
    }

    /** Stops gracefully (waits up to 30 s for the batch in flight) and closes the publisher. */
    @Override
    public void close() {
        if (purgeLoop != null) {
            purgeLoop.stop(Duration.ofSeconds(30));
        }
        relay.stop(Duration.ofSeconds(30));
        publisher.close();
    }

    /** Assembles an {@link OutboxEngine}. */
    public static final class Builder {
        private DataSource dataSource;
        private DataSource workerDataSource;
        private Transactions transactions;
        private SqlDialect dialect;
        private OutboxSettings settings = OutboxSettings.defaults();
        private MessagePublisher publisher;
        private JsonCodec json = new JsonCodec();
        private ThreadFactory threadFactory = Thread::new;
        private Clock clock = Clock.systemUTC();
        private boolean createTables;

        private Builder() {
        }

        /**
         * Takes the data sources and transaction manager of a Java SE environment.
         *
         * @param env the environment
         * @return this builder
         */
        public Builder environment(JavaSeEnvironment env) {
            return dataSource(env.dataSource()).workerDataSource(env.workerDataSource()).transactions(env.transactions());
        }

        /** @param dataSource the JTA data source business code writes through @return this builder */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** @param dataSource a non-JTA data source for the relay @return this builder */
        public Builder workerDataSource(DataSource dataSource) {
            this.workerDataSource = dataSource;
            return this;
        }

        /** @param transactions access to the JTA transaction manager @return this builder */
        public Builder transactions(Transactions transactions) {
            this.transactions = transactions;
            return this;
        }

        /** @param dialect the database's dialect (default: detected) @return this builder */
        public Builder dialect(SqlDialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /** @param settings the outbox settings @return this builder */
        public Builder settings(OutboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @param publisher where messages go @return this builder */
        public Builder publisher(MessagePublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** @param json the payload codec (default: Ferry's Jackson configuration) @return this builder */
        public Builder json(JsonCodec json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /** @param threadFactory makes relay threads (in a container: its ManagedThreadFactory) @return this builder */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /** @param clock the clock (tests) @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param create create the table if it is missing (development) @return this builder */
        public Builder createTables(boolean create) {
            this.createTables = create;
            return this;
        }

        /**
         * @return the engine, not yet started
         * @throws IllegalStateException naming what is missing
         */
        public OutboxEngine build() {
            require(dataSource, "dataSource (the JTA data source)");
            require(workerDataSource, "workerDataSource (a non-JTA data source for the relay)");
            require(transactions, "transactions (the JTA transaction manager)");
            require(publisher, "publisher");
            return new OutboxEngine(this);
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalStateException("OutboxEngine needs a " + what);
            }
        }
    }
}

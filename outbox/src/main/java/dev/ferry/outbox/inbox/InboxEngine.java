package dev.ferry.outbox.inbox;

import dev.ferry.inbox.Inbox;
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
 * The inbox, assembled: the {@link Inbox} consumers receive through, and the purge of expired ids.
 *
 * <pre>{@code
 * InboxEngine inboxes = InboxEngine.builder()
 *         .environment(env)                                   // or dataSource(..), workerDataSource(..), transactions(..)
 *         .settings(InboxSettings.builder().schema("app").consumer("billing").build())
 *         .createTables(true)                                 // development convenience
 *         .build()
 *         .start();                                           // starts the purge
 * Inbox inbox = inboxes.inbox();
 * }</pre>
 */
public final class InboxEngine implements AutoCloseable {

    private final JdbcInbox inbox;
    private final InboxPurger purger;
    private final PollingLoop purgeLoop;

    private InboxEngine(Builder b) {
        SqlDialect dialect = b.dialect != null ? b.dialect : SqlDialects.detect(b.workerDataSource);
        if (b.createTables) {
            new SchemaInstaller(b.workerDataSource, dialect).createIfMissing("inbox", b.settings.table());
        }
        this.inbox = new JdbcInbox(b.dataSource, b.transactions, dialect, b.settings, b.clock);
        this.purger = new InboxPurger(b.workerDataSource, dialect, b.settings, b.clock);
        this.purgeLoop = new PollingLoop("ferry-inbox-purge-" + b.settings.consumer(), b.threadFactory, 1,
                b.settings.purgeInterval(), purger::purgeOnce);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the inbox consumers receive through */
    public Inbox inbox() {
        return inbox;
    }

    /** @return the purge, to run it by hand */
    public InboxPurger purger() {
        return purger;
    }

    /**
     * Starts purging expired ids every purge interval.
     *
     * @return this engine
     */
    public InboxEngine start() {
        purgeLoop.start();
        return this;
    }

    /** Stops the purge (waits up to 30 s for the batch in flight). */
    @Override
    public void close() {
        purgeLoop.stop(Duration.ofSeconds(30));
    }

    /** Assembles an {@link InboxEngine}. */
    public static final class Builder {
        private DataSource dataSource;
        private DataSource workerDataSource;
        private Transactions transactions;
        private SqlDialect dialect;
        private InboxSettings settings = InboxSettings.builder().build();
        private ThreadFactory threadFactory = Thread::new;
        private Clock clock = Clock.systemUTC();
        private boolean createTables;

        private Builder() {
        }

        /** @param env a Java SE environment: its data sources and transaction manager @return this builder */
        public Builder environment(JavaSeEnvironment env) {
            return dataSource(env.dataSource()).workerDataSource(env.workerDataSource()).transactions(env.transactions());
        }

        /** @param dataSource the JTA data source consumers write through @return this builder */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** @param dataSource a non-JTA data source for the purge and table creation @return this builder */
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

        /** @param settings the inbox settings @return this builder */
        public Builder settings(InboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @param threadFactory makes the purge thread (in a container: its ManagedThreadFactory) @return this builder */
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
         * @return the engine, its purge not yet started
         * @throws IllegalStateException naming what is missing
         */
        public InboxEngine build() {
            require(dataSource, "dataSource (the JTA data source)");
            require(workerDataSource, "workerDataSource (a non-JTA data source for the purge)");
            require(transactions, "transactions (the JTA transaction manager)");
            return new InboxEngine(this);
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalStateException("InboxEngine needs a " + what);
            }
        }
    }
}

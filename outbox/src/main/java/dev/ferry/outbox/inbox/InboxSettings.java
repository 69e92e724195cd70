package dev.ferry.outbox.inbox;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;

/**
 * The inbox's configuration, immutable and validated when built. Every setting has a default, given
 * once, in the {@link Builder}; each builder method says what it is. README.md's inbox table lists
 * the same settings with their configuration keys ({@code ferry.inbox.*}), which a server reads with
 * MicroProfile Config.
 */
public final class InboxSettings {

    /** Longest consumer name accepted. */
    public static final int MAX_CONSUMER_LENGTH = 100;

    private final TableName table;
    private final String consumer;
    private final Duration retention;
    private final Duration purgeInterval;
    private final int purgeBatchSize;

    private InboxSettings(Builder b) {
        this.table = new TableName(b.schema, b.table);
        this.consumer = b.consumer;
        this.retention = b.retention;
        this.purgeInterval = b.purgeInterval;
        this.purgeBatchSize = b.purgeBatchSize;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static InboxSettings defaults() {
        return builder().build();
    }

    /**
     * @return a new builder holding these settings, to change some of them; changing it leaves these
     *     settings as they are
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = table.schema();
        b.table = table.table();
        b.consumer = consumer;
        b.retention = retention;
        b.purgeInterval = purgeInterval;
        b.purgeBatchSize = purgeBatchSize;
        return b;
    }

    /** @return the inbox table */
    public TableName table() {
        return table;
    }

    /** @return this consumer's name */
    public String consumer() {
        return consumer;
    }

    /** @return how long a received id is remembered */
    public Duration retention() {
        return retention;
    }

    /** @return how often expired ids are purged */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** @return rows deleted per purge transaction */
    public int purgeBatchSize() {
        return purgeBatchSize;
    }

    /** Builds {@link InboxSettings}; {@link #build()} validates and copies, so the builder may be reused. */
    public static final class Builder {
        private String schema;
        private String table = "ferry_inbox";
        private String consumer = "default";
        private Duration retention = Duration.ofDays(7);
        private Duration purgeInterval = Duration.ofMinutes(1);
        private int purgeBatchSize = 500;

        private Builder() {
        }

        /**
         * @param schema the table's schema, or null (the default) for the connection's default
         * @return this
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * @param table the table name (default {@code ferry_inbox})
         * @return this
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param consumer names this consumer, at most {@value #MAX_CONSUMER_LENGTH} characters (default
         *     {@code default}); two consumers sharing a table each receive a message once
         * @return this
         */
        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        /**
         * @param retention how long a received id is remembered (default 7 days); choose it longer than
         *     the longest time a message can be redelivered after its first delivery
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * @param interval how often expired ids are purged (default 1 min)
         * @param batchSize rows deleted per purge transaction, 1 to 100,000 (default 500)
         * @return this
         */
        public Builder purge(Duration interval, int batchSize) {
            this.purgeInterval = interval;
            this.purgeBatchSize = batchSize;
            return this;
        }

        /**
         * @return the settings, holding copies of this builder's values
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public InboxSettings build() {
            SettingChecks.identifier("schema", schema, true);
            SettingChecks.identifier("table", table, false);
            SettingChecks.name("Inbox", "consumer", consumer, MAX_CONSUMER_LENGTH);
            SettingChecks.positive("Inbox", "retention", retention, Duration.ofDays(3650));
            SettingChecks.positive("Inbox", "purgeInterval", purgeInterval, Duration.ofDays(1));
            SettingChecks.range("Inbox", "purgeBatchSize", purgeBatchSize, 1, 100_000);
            return new InboxSettings(this);
        }
    }
}

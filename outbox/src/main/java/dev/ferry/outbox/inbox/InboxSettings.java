package dev.ferry.outbox.inbox;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;

/**
 * The inbox's configuration, immutable and validated when built.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>schema / table</td><td>none / {@code ferry_inbox}</td><td>where received ids are recorded</td></tr>
 *   <tr><td>consumer</td><td>{@code default}</td><td>names this consumer; each consumer de-duplicates on its own</td></tr>
 *   <tr><td>retention</td><td>7 days</td><td>how long a received id is remembered; longer than any redelivery</td></tr>
 *   <tr><td>purgeInterval / purgeBatchSize</td><td>1 min / 500</td><td>how expired ids are purged</td></tr>
 * </table>
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

    /** Builds {@link InboxSettings}; {@link #build()} validates. */
    public static final class Builder {
        private String schema;
        private String table = "ferry_inbox";
        private String consumer = "default";
        private Duration retention = Duration.ofDays(7);
        private Duration purgeInterval = Duration.ofMinutes(1);
        private int purgeBatchSize = 500;

        private Builder() {
        }

        /** @param schema the table's schema, or null for the connection's default @return this */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** @param table the table name @return this */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param consumer names this consumer (at most {@value #MAX_CONSUMER_LENGTH} characters); two
         *     consumers sharing a table each receive a message once
         * @return this
         */
        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        /**
         * @param retention how long a received id is remembered; choose it longer than the longest time
         *     a message can be redelivered after its first delivery
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** @param interval how often expired ids are purged @param batchSize rows per purge transaction @return this */
        public Builder purge(Duration interval, int batchSize) {
            this.purgeInterval = interval;
            this.purgeBatchSize = batchSize;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public InboxSettings build() {
            if (consumer == null || consumer.isBlank() || consumer.length() > MAX_CONSUMER_LENGTH) {
                throw new IllegalArgumentException("Inbox setting consumer must be 1 to " + MAX_CONSUMER_LENGTH
                        + " characters, was '" + consumer + "'");
            }
            SettingChecks.positive("Inbox", "retention", retention);
            SettingChecks.positive("Inbox", "purgeInterval", purgeInterval);
            SettingChecks.range("Inbox", "purgeBatchSize", purgeBatchSize, 1, 100_000);
            return new InboxSettings(this);
        }

    }
}

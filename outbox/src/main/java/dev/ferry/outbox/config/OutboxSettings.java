package dev.ferry.outbox.config;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox's configuration, immutable and validated when built. Every setting has a default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>schema / table</td><td>none / {@code ferry_outbox}</td><td>where the messages live</td></tr>
 *   <tr><td>batchSize</td><td>200</td><td>messages claimed and published at once</td></tr>
 *   <tr><td>relayThreads</td><td>1</td><td>relay threads in this JVM</td></tr>
 *   <tr><td>pollInterval</td><td>1 s</td><td>how often an idle relay looks for work it was not woken for</td></tr>
 *   <tr><td>leaseDuration</td><td>60 s</td><td>how long a batch may stay in flight (PostgreSQL ends a relay transaction idle this long)</td></tr>
 *   <tr><td>maxAttempts</td><td>10</td><td>attempts before a message is parked as dead (a broker
 *       outage counts none)</td></tr>
 *   <tr><td>initialBackoff / maxBackoff</td><td>1 s / 5 min</td><td>pause after a failed attempt, doubling; while
 *       the broker is unavailable, the relay's pause between probes, doubling up to maxBackoff or 30 s</td></tr>
 *   <tr><td>deadMessagePolicy</td><td>HOLD_KEY</td><td>see {@link DeadMessagePolicy}</td></tr>
 *   <tr><td>retention</td><td>0</td><td>how long delivered rows are kept (0: deleted at once)</td></tr>
 *   <tr><td>purgeInterval / purgeBatchSize</td><td>1 min / 500</td><td>how retained rows are purged</td></tr>
 *   <tr><td>smallBatchPause</td><td>2 ms</td><td>pause after a small batch, so the next one gathers</td></tr>
 *   <tr><td>relayId</td><td>random</td><td>names this relay's threads and log lines</td></tr>
 * </table>
 */
public final class OutboxSettings {

    private final TableName table;
    private final int batchSize;
    private final int relayThreads;
    private final Duration pollInterval;
    private final Duration leaseDuration;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final DeadMessagePolicy deadMessagePolicy;
    private final Duration retention;
    private final Duration purgeInterval;
    private final int purgeBatchSize;
    private final String relayId;
    private final Duration smallBatchPause;

    private OutboxSettings(Builder b) {
        this.table = new TableName(b.schema, b.table);
        this.batchSize = b.batchSize;
        this.relayThreads = b.relayThreads;
        this.pollInterval = b.pollInterval;
        this.leaseDuration = b.leaseDuration;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.deadMessagePolicy = b.deadMessagePolicy;
        this.retention = b.retention;
        this.purgeInterval = b.purgeInterval;
        this.purgeBatchSize = b.purgeBatchSize;
        this.relayId = b.relayId != null ? b.relayId : "relay-" + UUID.randomUUID().toString().substring(0, 8);
        this.smallBatchPause = b.smallBatchPause;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static OutboxSettings defaults() {
        return builder().build();
    }

    /** @return the outbox table */
    public TableName table() {
        return table;
    }

    /** @return messages claimed per batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return relay threads in this JVM */
    public int relayThreads() {
        return relayThreads;
    }

    /** @return the fallback poll interval */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return how long a batch may stay in flight before the database may end its transaction */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** @return attempts before a message is dead; a failure because the broker is unavailable counts none */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the pause after the first failed attempt */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return the longest pause between attempts */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return what a dead message means for its key */
    public DeadMessagePolicy deadMessagePolicy() {
        return deadMessagePolicy;
    }

    /** @return how long delivered rows are kept; zero deletes them at once */
    public Duration retention() {
        return retention;
    }

    /** @return how often retained rows are purged */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** @return rows deleted per purge transaction */
    public int purgeBatchSize() {
        return purgeBatchSize;
    }

    /** @return the relay's pause after a batch under a quarter of the batch size, letting the next one gather */
    public Duration smallBatchPause() {
        return smallBatchPause;
    }

    /** @return this relay's id, in its thread names and log lines */
    public String relayId() {
        return relayId;
    }

    /**
     * @param attempts the attempts made so far (1 after the first failure)
     * @return the pause before the next attempt: initial × 2^(attempts-1), at most maxBackoff
     */
    public Duration backoffAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = initialBackoff.toMillis() << doublings;
        return millis < 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }

    /** Builds {@link OutboxSettings}; {@link #build()} validates. */
    public static final class Builder {
        private String schema;
        private String table = "ferry_outbox";
        private int batchSize = 200;
        private int relayThreads = 1;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(60);
        private int maxAttempts = 10;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private DeadMessagePolicy deadMessagePolicy = DeadMessagePolicy.HOLD_KEY;
        private Duration retention = Duration.ZERO;
        private Duration purgeInterval = Duration.ofMinutes(1);
        private int purgeBatchSize = 500;
        private String relayId;
        private Duration smallBatchPause = Duration.ofMillis(2);

        private Builder() {
        }

        /** @param schema the schema of the table, or null for the connection's default @return this */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** @param table the table name @return this */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** @param batchSize messages per batch, 1 to 1000 @return this */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @param relayThreads relay threads in this JVM, 1 to 64 @return this */
        public Builder relayThreads(int relayThreads) {
            this.relayThreads = relayThreads;
            return this;
        }

        /** @param pollInterval the fallback poll interval @return this */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** @param leaseDuration how long a batch may stay in flight (PostgreSQL ends a relay transaction idle this long) @return this */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /**
         * @param maxAttempts attempts before a message is dead, at least 1; a failure because the broker
         *     is unavailable ({@code BrokerUnavailableException}) counts none
         * @return this
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param initial the pause after a message's first failed attempt; also how long the relay pauses
         *     when it finds the broker unavailable, before it probes
         * @param max the longest pause between a message's attempts; also between the relay's probes of an
         *     unavailable broker, which are at most 30 s apart
         * @return this
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** @param policy what a dead message means for its key @return this */
        public Builder deadMessagePolicy(DeadMessagePolicy policy) {
            this.deadMessagePolicy = policy;
            return this;
        }

        /** @param retention how long delivered rows are kept; zero deletes at once @return this */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** @param interval how often retained rows are purged @param batchSize rows per purge transaction @return this */
        public Builder purge(Duration interval, int batchSize) {
            this.purgeInterval = interval;
            this.purgeBatchSize = batchSize;
            return this;
        }

        /**
         * @param pause how long a relay thread waits after a small batch (under a quarter of the batch
         *     size) before claiming again, so that under a steady stream of small commits batches
         *     gather instead of costing a claim each; zero turns it off (default 2 ms)
         * @return this
         */
        public Builder smallBatchPause(Duration pause) {
            this.smallBatchPause = pause;
            return this;
        }

        /** @param relayId names this relay's threads and log lines (at most 60 characters) @return this */
        public Builder relayId(String relayId) {
            this.relayId = relayId;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public OutboxSettings build() {
            SettingChecks.range("Outbox", "batchSize", batchSize, 1, 1000);
            SettingChecks.range("Outbox", "relayThreads", relayThreads, 1, 64);
            SettingChecks.range("Outbox", "maxAttempts", maxAttempts, 1, 1_000_000);
            SettingChecks.range("Outbox", "purgeBatchSize", purgeBatchSize, 1, 100_000);
            SettingChecks.positive("Outbox", "pollInterval", pollInterval);
            SettingChecks.positive("Outbox", "leaseDuration", leaseDuration);
            SettingChecks.positive("Outbox", "initialBackoff", initialBackoff);
            SettingChecks.positive("Outbox", "maxBackoff", maxBackoff);
            SettingChecks.positive("Outbox", "purgeInterval", purgeInterval);
            Objects.requireNonNull(deadMessagePolicy, "deadMessagePolicy");
            if (retention == null || retention.isNegative()) {
                throw new IllegalArgumentException("Outbox setting retention must be zero or positive, was " + retention);
            }
            if (smallBatchPause == null || smallBatchPause.isNegative() || smallBatchPause.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("Outbox setting smallBatchPause must be between 0 and 1 s, was "
                        + smallBatchPause);
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("Outbox setting maxBackoff (" + maxBackoff
                        + ") is shorter than initialBackoff (" + initialBackoff + ")");
            }
            if (relayId != null && (relayId.isBlank() || relayId.length() > 60)) {
                throw new IllegalArgumentException("Outbox setting relayId must be 1 to 60 characters, was '" + relayId + "'");
            }
            return new OutboxSettings(this);
        }


    }
}

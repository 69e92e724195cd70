package dev.ferry.outbox.config;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox's configuration, immutable and validated when built. Every setting has a default,
 * given once, in the {@link Builder}; each builder method says what it is. README.md's
 * "Configuration" table lists the same settings with their configuration keys
 * ({@code ferry.outbox.*}), which a server reads with MicroProfile Config.
 *
 * <pre>{@code
 * OutboxSettings settings = OutboxSettings.builder().schema("app").relayThreads(2).build();
 * OutboxSettings more = settings.toBuilder().batchSize(500).build();   // settings itself stays as it is
 * }</pre>
 */
public final class OutboxSettings {

    /** The default {@link #maxPayloadBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** The largest {@link #maxPayloadBytes()} allowed: 1 GiB, PostgreSQL's limit for a {@code bytea} value. */
    public static final int MAX_MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;

    private final TableName table;
    private final int batchSize;
    private final int relayThreads;
    private final Duration pollInterval;
    private final Duration leaseDuration;
    /** The publish timeout given, or null for three quarters of the lease. */
    private final Duration publishTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final DeadMessagePolicy deadMessagePolicy;
    private final Duration retention;
    private final Duration purgeInterval;
    private final int purgeBatchSize;
    private final Duration smallBatchPause;
    private final String relayId;
    private final int maxPayloadBytes;
    private final boolean crossNodeWakeUps;

    private OutboxSettings(Builder b) {
        this.table = new TableName(b.schema, b.table);
        this.batchSize = b.batchSize;
        this.relayThreads = b.relayThreads;
        this.pollInterval = b.pollInterval;
        this.leaseDuration = b.leaseDuration;
        this.publishTimeout = b.publishTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.deadMessagePolicy = b.deadMessagePolicy;
        this.retention = b.retention;
        this.purgeInterval = b.purgeInterval;
        this.purgeBatchSize = b.purgeBatchSize;
        this.smallBatchPause = b.smallBatchPause;
        this.relayId = b.relayId != null ? b.relayId : "relay-" + UUID.randomUUID().toString().substring(0, 8);
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.crossNodeWakeUps = b.crossNodeWakeUps;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static OutboxSettings defaults() {
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
        b.batchSize = batchSize;
        b.relayThreads = relayThreads;
        b.pollInterval = pollInterval;
        b.leaseDuration = leaseDuration;
        b.publishTimeout = publishTimeout;
        b.maxAttempts = maxAttempts;
        b.initialBackoff = backoff.initial();
        b.maxBackoff = backoff.max();
        b.deadMessagePolicy = deadMessagePolicy;
        b.retention = retention;
        b.purgeInterval = purgeInterval;
        b.purgeBatchSize = purgeBatchSize;
        b.smallBatchPause = smallBatchPause;
        b.relayId = relayId;
        b.maxPayloadBytes = maxPayloadBytes;
        b.crossNodeWakeUps = crossNodeWakeUps;
        return b;
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

    /**
     * @return the pause after a message's failed attempt, doubling up to its maximum; also the relay's
     *     pause between probes of an unavailable broker (there at most 30 s)
     */
    public Backoff backoff() {
        return backoff;
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

    /**
     * @return how long the relay waits for the publisher to return from one batch: the value given,
     *     else three quarters of {@link #leaseDuration()} (45 s by default)
     */
    public Duration publishTimeout() {
        return publishTimeout != null ? publishTimeout : defaultPublishTimeout(leaseDuration);
    }

    private static Duration defaultPublishTimeout(Duration leaseDuration) {
        return leaseDuration.multipliedBy(3).dividedBy(4);
    }

    /** @return this relay's id, in its thread names and log lines */
    public String relayId() {
        return relayId;
    }

    /**
     * @return the largest payload {@code Outbox.publish} accepts, in bytes as stored (JSON as UTF-8);
     *     a larger one is refused with {@code PayloadTooLargeException} before anything is written
     */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * @return whether, on PostgreSQL, a commit that wrote messages wakes the relays of other JVMs
     *     through {@code LISTEN/NOTIFY}, and this JVM's relay listens for theirs (see
     *     {@link Builder#crossNodeWakeUps})
     */
    public boolean crossNodeWakeUps() {
        return crossNodeWakeUps;
    }

    /** Builds {@link OutboxSettings}; {@link #build()} validates and copies, so the builder may be reused. */
    public static final class Builder {
        private String schema;
        private String table = "ferry_outbox";
        private int batchSize = 200;
        private int relayThreads = 1;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(60);
        private Duration publishTimeout;
        private int maxAttempts = 10;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private DeadMessagePolicy deadMessagePolicy = DeadMessagePolicy.HOLD_KEY;
        private Duration retention = Duration.ZERO;
        private Duration purgeInterval = Duration.ofMinutes(1);
        private int purgeBatchSize = 500;
        private Duration smallBatchPause = Duration.ofMillis(2);
        private String relayId;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private boolean crossNodeWakeUps = true;

        private Builder() {
        }

        /**
         * @param schema the schema of the table, or null (the default) for the connection's default
         * @return this
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * @param table the table name (default {@code ferry_outbox})
         * @return this
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param batchSize messages claimed and published at once, 1 to 1000 (default 200)
         * @return this
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param relayThreads relay threads in this JVM, 1 to 64 (default 1)
         * @return this
         */
        public Builder relayThreads(int relayThreads) {
            this.relayThreads = relayThreads;
            return this;
        }

        /**
         * @param pollInterval how often an idle relay looks for messages it was not woken for (default 1 s,
         *     at most 1 h)
         * @return this
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * @param leaseDuration how long a batch may stay in flight; PostgreSQL and MariaDB end a relay
         *     transaction idle this long (default 60 s, at most 1 day)
         * @return this
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /**
         * @param publishTimeout how long the relay waits for the publisher to return from one batch,
         *     positive and shorter than {@code leaseDuration} (default: three quarters of it, 45 s);
         *     past it the call is interrupted and abandoned, and the messages it did not report fail
         *     with an attempt counted. Null restores the default.
         * @return this
         */
        public Builder publishTimeout(Duration publishTimeout) {
            this.publishTimeout = publishTimeout;
            return this;
        }

        /**
         * @param maxAttempts attempts before a message is dead, 1 to 1,000,000 (default 10); a failure
         *     because the broker is unavailable ({@code BrokerUnavailableException}) counts none
         * @return this
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param initial the pause after a message's first failed attempt, doubling after each further one
         *     (default 1 s); also how long the relay pauses when it finds the broker unavailable, before
         *     it probes
         * @param max the longest pause between a message's attempts (default 5 min, at most 1 day); also
         *     between the relay's probes of an unavailable broker, which are at most 30 s apart
         * @return this
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * @param policy what a dead message means for its key (default {@link DeadMessagePolicy#HOLD_KEY})
         * @return this
         */
        public Builder deadMessagePolicy(DeadMessagePolicy policy) {
            this.deadMessagePolicy = policy;
            return this;
        }

        /**
         * @param retention how long delivered rows are kept; zero (the default) deletes them at once; at most
         *     3650 days
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * @param interval how often retained rows are purged (default 1 min, at most 1 day)
         * @param batchSize rows deleted per purge transaction, 1 to 100,000 (default 500)
         * @return this
         */
        public Builder purge(Duration interval, int batchSize) {
            this.purgeInterval = interval;
            this.purgeBatchSize = batchSize;
            return this;
        }

        /**
         * @param pause how long a relay thread waits after a small batch (under a quarter of the batch
         *     size) before claiming again, so that under a steady stream of small commits batches
         *     gather instead of costing a claim each; 0 to 1 s, zero turns it off (default 2 ms)
         * @return this
         */
        public Builder smallBatchPause(Duration pause) {
            this.smallBatchPause = pause;
            return this;
        }

        /**
         * @param relayId names this relay's threads and log lines, at most 60 characters (default: random)
         * @return this
         */
        public Builder relayId(String relayId) {
            this.relayId = relayId;
            return this;
        }

        /**
         * @param maxPayloadBytes the largest payload {@code Outbox.publish} accepts, in bytes as stored
         *     (JSON as UTF-8), 1 to {@value OutboxSettings#MAX_MAX_PAYLOAD_BYTES} (default 1 MiB,
         *     {@value OutboxSettings#DEFAULT_MAX_PAYLOAD_BYTES}); a larger payload is refused at the
         *     call, before anything is written
         * @return this
         */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /**
         * @param on whether, on PostgreSQL, other JVMs' relays are woken when this JVM commits messages
         *     its own relay may not publish at once (default true). The relay listens on a channel
         *     named for the table ({@code LISTEN}, on a connection of its own from the worker data
         *     source, held while the relay runs) and wakes when another JVM's notification arrives. A
         *     JVM that commits messages sends {@code pg_notify} after the commit, on a thread of its
         *     own, unless its own relay takes them at once (a relay thread waits idle, or begins a
         *     round within 10 ms); under load the commits of 5 ms share one notification. Other
         *     databases, or false: the other relays find the messages at their next poll
         *     ({@code pollInterval})
         * @return this
         */
        public Builder crossNodeWakeUps(boolean on) {
            this.crossNodeWakeUps = on;
            return this;
        }

        /**
         * @return the settings, holding copies of this builder's values
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public OutboxSettings build() {
            SettingChecks.identifier("schema", schema, true);
            SettingChecks.identifier("table", table, false);
            SettingChecks.range("Outbox", "batchSize", batchSize, 1, 1000);
            SettingChecks.range("Outbox", "relayThreads", relayThreads, 1, 64);
            SettingChecks.range("Outbox", "maxAttempts", maxAttempts, 1, 1_000_000);
            SettingChecks.range("Outbox", "purgeBatchSize", purgeBatchSize, 1, 100_000);
            SettingChecks.range("Outbox", "maxPayloadBytes", maxPayloadBytes, 1, MAX_MAX_PAYLOAD_BYTES);
            SettingChecks.positive("Outbox", "pollInterval", pollInterval, Duration.ofHours(1));
            SettingChecks.positive("Outbox", "leaseDuration", leaseDuration, Duration.ofDays(1));
            if (publishTimeout != null) {
                SettingChecks.positive("Outbox", "publishTimeout", publishTimeout, Duration.ofDays(1));
                if (publishTimeout.compareTo(leaseDuration) >= 0) {
                    throw SettingChecks.refuse("Outbox setting publishTimeout (" + publishTimeout
                            + ") must be shorter than leaseDuration (" + leaseDuration + ")", "publishTimeout",
                            "leaseDuration");
                }
            }
            SettingChecks.positive("Outbox", "initialBackoff", initialBackoff, Duration.ofDays(1));
            SettingChecks.positive("Outbox", "maxBackoff", maxBackoff, Duration.ofDays(1));
            SettingChecks.positive("Outbox", "purgeInterval", purgeInterval, Duration.ofDays(1));
            SettingChecks.zeroOrPositive("Outbox", "retention", retention, Duration.ofDays(3650));
            SettingChecks.zeroOrPositive("Outbox", "smallBatchPause", smallBatchPause, Duration.ofSeconds(1));
            Objects.requireNonNull(deadMessagePolicy, "deadMessagePolicy");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw SettingChecks.refuse("Outbox setting maxBackoff (" + maxBackoff
                        + ") is shorter than initialBackoff (" + initialBackoff + ")", "initialBackoff", "maxBackoff");
            }
            if (relayId != null) {
                SettingChecks.name("Outbox", "relayId", relayId, 60);
            }
            return new OutboxSettings(this);
        }
    }
}

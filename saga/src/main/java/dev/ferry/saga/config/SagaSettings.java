package dev.ferry.saga.config;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The saga engine's configuration, immutable and validated when built. Every setting has a default,
 * given once, in the {@link Builder}; each builder method says what it is. README.md's
 * "Configuration ({@code SagaSettings})" table lists the same settings with their configuration keys
 * ({@code ferry.saga.*}), which a server reads with MicroProfile Config.
 *
 * <pre>{@code
 * SagaSettings settings = SagaSettings.builder().schema("app").workers(4).build();
 * SagaSettings more = settings.toBuilder().workerId("node-1").build();   // settings itself stays as it is
 * }</pre>
 */
public final class SagaSettings {

    private final TableName instanceTable;
    private final TableName stepTable;
    private final TableName engineTable;
    private final int workers;
    private final int claimBatchSize;
    private final Duration pollInterval;
    private final Duration leaseDuration;
    private final Duration maxBackoff;
    private final String workerId;
    private final UnknownVersions unknownVersions;
    private final Duration retention;
    private final Duration purgeInterval;
    private final int purgeBatchSize;

    private SagaSettings(Builder b) {
        this.instanceTable = new TableName(b.schema, b.instanceTable);
        this.stepTable = new TableName(b.schema, b.stepTable);
        this.engineTable = new TableName(b.schema, b.engineTable);
        this.workers = b.workers;
        this.claimBatchSize = b.claimBatchSize;
        this.pollInterval = b.pollInterval;
        this.leaseDuration = b.leaseDuration;
        this.maxBackoff = b.maxBackoff;
        this.unknownVersions = b.unknownVersions;
        this.retention = b.retention;
        this.purgeInterval = b.purgeInterval;
        this.purgeBatchSize = b.purgeBatchSize;
        this.workerId = b.workerId != null ? b.workerId : "saga-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static SagaSettings defaults() {
        return builder().build();
    }

    /**
     * @return a new builder holding these settings, to change some of them; changing it leaves these
     *     settings as they are
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schema = instanceTable.schema();
        b.instanceTable = instanceTable.table();
        b.stepTable = stepTable.table();
        b.engineTable = engineTable.table();
        b.workers = workers;
        b.claimBatchSize = claimBatchSize;
        b.pollInterval = pollInterval;
        b.leaseDuration = leaseDuration;
        b.maxBackoff = maxBackoff;
        b.workerId = workerId;
        b.unknownVersions = unknownVersions;
        b.retention = retention;
        b.purgeInterval = purgeInterval;
        b.purgeBatchSize = purgeBatchSize;
        return b;
    }

    /** @return the instance table */
    public TableName instanceTable() {
        return instanceTable;
    }

    /** @return the step log table */
    public TableName stepTable() {
        return stepTable;
    }

    /** @return the engine table: one row per engine identity, with its heartbeat */
    public TableName engineTable() {
        return engineTable;
    }

    /** @return worker threads in this JVM */
    public int workers() {
        return workers;
    }

    /** @return due sagas a worker's claims start at (they grow while the backlog is deep; see the builder) */
    public int claimBatchSize() {
        return claimBatchSize;
    }

    /** @return the fallback poll interval */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return how long a claim is reserved */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** @return the longest pause between attempts of a step or a compensation */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * @param initial a step's pause after its first failed attempt ({@code @SagaStep(backoff)})
     * @return the step's backoff: {@code initial}, doubling up to {@link #maxBackoff()} (an
     *     {@code initial} above it is cut to it)
     */
    public Backoff stepBackoff(Duration initial) {
        return new Backoff(initial.compareTo(maxBackoff) < 0 ? initial : maxBackoff, maxBackoff);
    }

    /** @return this engine's identity, the owner name of its leases */
    public String workerId() {
        return workerId;
    }

    /** @return what start-up does with in-flight instances of unregistered versions */
    public UnknownVersions unknownVersions() {
        return unknownVersions;
    }

    /**
     * @return how long finished sagas (COMPLETED, COMPENSATED, CANCELLED) and their step logs are kept
     *     after their last change; zero keeps them for ever
     */
    public Duration retention() {
        return retention;
    }

    /** @return how often finished sagas past the retention are purged */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    /** @return finished sagas deleted (with their step logs) per purge transaction */
    public int purgeBatchSize() {
        return purgeBatchSize;
    }

    /** Builds {@link SagaSettings}; {@link #build()} validates and copies, so the builder may be reused. */
    public static final class Builder {
        private String schema;
        private String instanceTable = "ferry_saga";
        private String stepTable = "ferry_saga_step";
        private String engineTable = "ferry_saga_engine";
        private int workers = 2;
        private int claimBatchSize = 5;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(60);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private String workerId;
        private UnknownVersions unknownVersions = UnknownVersions.FAIL;
        private Duration retention = Duration.ofDays(7);
        private Duration purgeInterval = Duration.ofMinutes(1);
        private int purgeBatchSize = 100;

        private Builder() {
        }

        /**
         * @param schema the schema of the saga tables, or null (the default) for the connection's default
         * @return this
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * @param table the instance table's name (default {@code ferry_saga})
         * @return this
         */
        public Builder instanceTable(String table) {
            this.instanceTable = table;
            return this;
        }

        /**
         * @param table the step log table's name (default {@code ferry_saga_step})
         * @return this
         */
        public Builder stepTable(String table) {
            this.stepTable = table;
            return this;
        }

        /**
         * @param table the engine table's name (default {@code ferry_saga_engine})
         * @return this
         */
        public Builder engineTable(String table) {
            this.engineTable = table;
            return this;
        }

        /**
         * @param workers worker threads in this JVM, 1 to 64 (default 2)
         * @return this
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * @param size due sagas claimed at once by a worker, 1 to 100 (default 5). While every claim
         *     comes back full and its sagas take under a quarter of the lease, the next claim asks for
         *     twice as many, up to 8× this size (at most 100); a short or slow claim sets it back
         * @return this
         */
        public Builder claimBatchSize(int size) {
            this.claimBatchSize = size;
            return this;
        }

        /**
         * @param pollInterval how often an idle worker looks for due sagas it was not woken for (default 1 s)
         * @return this
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * @param leaseDuration how long a claimed saga is reserved for its worker, renewed at each step
         *     (default 60 s)
         * @return this
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /**
         * @param maxBackoff the longest pause between attempts of a step or a compensation (default 5 min)
         * @return this
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * @param workerId this engine's identity and the owner name of its leases (at most 100
         *     characters; default: random in Java SE, the server's node and the application in a
         *     server); keep it the same across restarts of one node so that a restarted engine takes
         *     its sagas back at once, and different on every node
         * @return this
         */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /**
         * @param policy what start-up does with in-flight instances of a saga version that is not
         *     registered: {@link UnknownVersions#FAIL} (refuse to start; the default) or
         *     {@link UnknownVersions#PARK}
         * @return this
         */
        public Builder unknownVersions(UnknownVersions policy) {
            this.unknownVersions = Objects.requireNonNull(policy, "unknownVersions");
            return this;
        }

        /**
         * @param retention how long a finished saga (COMPLETED, COMPENSATED or CANCELLED) and its step
         *     log are kept after its last change (default 7 days); zero keeps them for ever
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * @param interval how often finished sagas past the retention are looked for (default 1 min);
         *     while full batches are found, the next batch follows at once
         * @return this
         */
        public Builder purgeInterval(Duration interval) {
            this.purgeInterval = interval;
            return this;
        }

        /**
         * @param batchSize finished sagas deleted, with their step logs, per purge transaction, 1 to
         *     10,000 (default 100)
         * @return this
         */
        public Builder purgeBatchSize(int batchSize) {
            this.purgeBatchSize = batchSize;
            return this;
        }

        /**
         * @return the settings, holding copies of this builder's values
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public SagaSettings build() {
            SettingChecks.identifier("schema", schema, true);
            SettingChecks.identifier("instanceTable", instanceTable, false);
            SettingChecks.identifier("stepTable", stepTable, false);
            SettingChecks.identifier("engineTable", engineTable, false);
            SettingChecks.range("Saga", "workers", workers, 1, 64);
            SettingChecks.range("Saga", "claimBatchSize", claimBatchSize, 1, 100);
            SettingChecks.positive("Saga", "pollInterval", pollInterval, Duration.ofHours(1));
            SettingChecks.positive("Saga", "leaseDuration", leaseDuration, Duration.ofDays(1));
            SettingChecks.positive("Saga", "maxBackoff", maxBackoff, Duration.ofDays(1));
            SettingChecks.positive("Saga", "purgeInterval", purgeInterval, Duration.ofDays(1));
            SettingChecks.range("Saga", "purgeBatchSize", purgeBatchSize, 1, 10_000);
            SettingChecks.zeroOrPositive("Saga", "retention", retention, Duration.ofDays(3650));
            if (workerId != null) {
                SettingChecks.name("Saga", "workerId", workerId, 100);
            }
            Objects.requireNonNull(unknownVersions, "unknownVersions");
            SagaSettings settings = new SagaSettings(this);
            if (settings.instanceTable.table().equalsIgnoreCase(settings.stepTable.table())) {
                throw SettingChecks.refuse("Saga settings instanceTable and stepTable must differ, both are '"
                        + instanceTable + "'", "instanceTable", "stepTable");
            }
            if (settings.engineTable.table().equalsIgnoreCase(settings.instanceTable.table())
                    || settings.engineTable.table().equalsIgnoreCase(settings.stepTable.table())) {
                throw SettingChecks.refuse("Saga setting engineTable must differ from instanceTable and"
                        + " stepTable, was '" + engineTable + "'", "engineTable");
            }
            return settings;
        }
    }
}

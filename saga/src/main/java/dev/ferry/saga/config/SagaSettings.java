package dev.ferry.saga.config;

import dev.ferry.runtime.config.SettingChecks;
import dev.ferry.runtime.sql.TableName;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The saga engine's configuration, immutable and validated when built. Every setting has a default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>schema</td><td>none</td><td>schema of both tables (the connection's default when none)</td></tr>
 *   <tr><td>instanceTable</td><td>{@code ferry_saga}</td><td>one row per saga instance</td></tr>
 *   <tr><td>stepTable</td><td>{@code ferry_saga_step}</td><td>the step log (history)</td></tr>
 *   <tr><td>engineTable</td><td>{@code ferry_saga_engine}</td><td>one row per engine identity: its heartbeat</td></tr>
 *   <tr><td>workers</td><td>2</td><td>worker threads in this JVM</td></tr>
 *   <tr><td>claimBatchSize</td><td>5</td><td>due sagas a worker claims at once; up to 8× as many (at most 100) while claims come back full and quick</td></tr>
 *   <tr><td>pollInterval</td><td>1 s</td><td>how often an idle worker looks for due sagas it was not woken for</td></tr>
 *   <tr><td>leaseDuration</td><td>60 s</td><td>how long a claimed saga is reserved for its worker; renewed at each step</td></tr>
 *   <tr><td>maxBackoff</td><td>5 min</td><td>longest pause between attempts of a step or compensation</td></tr>
 *   <tr><td>workerId</td><td>random in Java SE; the server's node and the application in a server</td>
 *     <td>this engine's identity and the owner name of its leases (at most 100 characters). A stable id lets a
 *     restarted engine take back its own sagas at once; two live engines may not share one</td></tr>
 *   <tr><td>unknownVersions</td><td>{@code FAIL}</td><td>at start-up, in-flight instances of a version of a
 *     registered saga that is not registered: refuse to start, or park them ({@link UnknownVersions})</td></tr>
 * </table>
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

    /** @return a builder holding these settings, to change some of them */
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

    /** @return the longest pause between attempts */
    public Duration maxBackoff() {
        return maxBackoff;
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
     * @param initial the step's backoff after its first failed attempt
     * @param attempts the attempts made so far (1 after the first failure)
     * @return the pause before the next attempt: initial × 2^(attempts-1), at most maxBackoff
     */
    public Duration backoffAfter(Duration initial, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis < 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }

    /** Builds {@link SagaSettings}; {@link #build()} validates. */
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

        private Builder() {
        }

        /** @param schema the schema of both tables, or null for the connection's default @return this */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** @param table the instance table's name @return this */
        public Builder instanceTable(String table) {
            this.instanceTable = table;
            return this;
        }

        /** @param table the step log table's name @return this */
        public Builder stepTable(String table) {
            this.stepTable = table;
            return this;
        }

        /**
         * @param table the engine table's name
         * @return this
         */
        public Builder engineTable(String table) {
            this.engineTable = table;
            return this;
        }

        /** @param workers worker threads in this JVM, 1 to 64 @return this */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * @param size due sagas claimed at once by a worker, 1 to 100. While every claim comes back
         *     full and its sagas take under a quarter of the lease, the next claim asks for twice as
         *     many, up to 8× this size (at most 100); a short or slow claim sets it back to this size
         * @return this
         */
        public Builder claimBatchSize(int size) {
            this.claimBatchSize = size;
            return this;
        }

        /** @param pollInterval the fallback poll interval @return this */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** @param leaseDuration how long a claim is reserved @return this */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** @param maxBackoff the longest pause between attempts @return this */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * @param workerId this engine's identity and the owner name of its leases (at most 100
         *     characters); keep it the same across restarts of one node so that a restarted engine takes
         *     its sagas back at once, and different on every node
         * @return this
         */
        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        /**
         * @param policy what start-up does with in-flight instances of a saga version that is not
         *     registered: {@link UnknownVersions#FAIL} (the default) or {@link UnknownVersions#PARK}
         * @return this
         */
        public Builder unknownVersions(UnknownVersions policy) {
            this.unknownVersions = Objects.requireNonNull(policy, "unknownVersions");
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public SagaSettings build() {
            SettingChecks.range("Saga", "workers", workers, 1, 64);
            SettingChecks.range("Saga", "claimBatchSize", claimBatchSize, 1, 100);
            SettingChecks.positive("Saga", "pollInterval", pollInterval);
            SettingChecks.positive("Saga", "leaseDuration", leaseDuration);
            SettingChecks.positive("Saga", "maxBackoff", maxBackoff);
            if (workerId != null && (workerId.isBlank() || workerId.length() > 100)) {
                throw new IllegalArgumentException("workerId must be 1 to 100 characters, was '" + workerId + "'");
            }
            SagaSettings settings = new SagaSettings(this);
            if (settings.instanceTable.table().equalsIgnoreCase(settings.stepTable.table())) {
                throw new IllegalArgumentException("instanceTable and stepTable must differ, both are '"
                        + instanceTable + "'");
            }
            if (settings.engineTable.table().equalsIgnoreCase(settings.instanceTable.table())
                    || settings.engineTable.table().equalsIgnoreCase(settings.stepTable.table())) {
                throw new IllegalArgumentException("engineTable must differ from instanceTable and stepTable, was '"
                        + engineTable + "'");
            }
            return settings;
        }


    }
}

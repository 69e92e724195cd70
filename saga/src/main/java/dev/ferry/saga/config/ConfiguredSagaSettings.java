package dev.ferry.saga.config;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;
import java.util.function.Supplier;

/**
 * Reads {@link SagaSettings} from configuration keys: {@code ferry.schema} and one {@code ferry.saga.*}
 * key per builder setting, named after it ({@code claimBatchSize} is {@code ferry.saga.claim-batch-size}).
 * README.md's "Configuration ({@code SagaSettings})" table lists them. Every key is optional: a
 * missing one keeps the builder's default.
 */
public final class ConfiguredSagaSettings {

    private ConfiguredSagaSettings() {
    }

    /**
     * @param config the configuration
     * @return the settings; without {@code ferry.saga.worker-id}, a random workerId
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static SagaSettings read(FerryConfig config) {
        return read(config, () -> null);
    }

    /**
     * @param config the configuration
     * @param defaultWorkerId the workerId when {@code ferry.saga.worker-id} is not set (a server's
     *     node and application), or null for a random one; asked only then
     * @return the settings
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static SagaSettings read(FerryConfig config, Supplier<String> defaultWorkerId) {
        SagaSettings d = SagaSettings.defaults();
        SettingKeys keys = new SettingKeys(config, "saga");
        SagaSettings.Builder b = SagaSettings.builder()
                .schema(keys.string("ferry.schema", "schema").orElse(null))
                .instanceTable(keys.string("ferry.saga.instance-table", "instanceTable", d.instanceTable().table()))
                .stepTable(keys.string("ferry.saga.step-table", "stepTable", d.stepTable().table()))
                .engineTable(keys.string("ferry.saga.engine-table", "engineTable", d.engineTable().table()))
                .workers(keys.integer("ferry.saga.workers", "workers", d.workers()))
                .claimBatchSize(keys.integer("ferry.saga.claim-batch-size", "claimBatchSize", d.claimBatchSize()))
                .pollInterval(keys.duration("ferry.saga.poll-interval", "pollInterval", d.pollInterval()))
                .leaseDuration(keys.duration("ferry.saga.lease-duration", "leaseDuration", d.leaseDuration()))
                .maxBackoff(keys.duration("ferry.saga.max-backoff", "maxBackoff", d.maxBackoff()))
                .retention(keys.duration("ferry.saga.retention", "retention", d.retention()))
                .purgeInterval(keys.duration("ferry.saga.purge-interval", "purgeInterval", d.purgeInterval()))
                .purgeBatchSize(keys.integer("ferry.saga.purge-batch-size", "purgeBatchSize", d.purgeBatchSize()))
                .unknownVersions(keys.enumValue("ferry.saga.unknown-versions", "unknownVersions",
                        UnknownVersions.class, d.unknownVersions()));
        b.workerId(keys.string("ferry.saga.worker-id", "workerId").orElseGet(defaultWorkerId));
        return keys.build(b::build);
    }
}

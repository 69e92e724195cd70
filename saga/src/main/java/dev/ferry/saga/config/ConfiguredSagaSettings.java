package dev.ferry.saga.config;

import dev.ferry.runtime.config.FerryConfig;
import java.util.Locale;
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

    private static UnknownVersions unknownVersions(String value) {
        try {
            return UnknownVersions.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry saga configuration: ferry.saga.unknown-versions must be fail"
                    + " or park, was '" + value + "'", e);
        }
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
        SagaSettings.Builder b = SagaSettings.builder()
                .schema(config.string("ferry.schema").orElse(null))
                .instanceTable(config.string("ferry.saga.instance-table", d.instanceTable().table()))
                .stepTable(config.string("ferry.saga.step-table", d.stepTable().table()))
                .engineTable(config.string("ferry.saga.engine-table", d.engineTable().table()))
                .workers(config.integer("ferry.saga.workers", d.workers()))
                .claimBatchSize(config.integer("ferry.saga.claim-batch-size", d.claimBatchSize()))
                .pollInterval(config.duration("ferry.saga.poll-interval", d.pollInterval()))
                .leaseDuration(config.duration("ferry.saga.lease-duration", d.leaseDuration()))
                .maxBackoff(config.duration("ferry.saga.max-backoff", d.maxBackoff()))
                .retention(config.duration("ferry.saga.retention", d.retention()))
                .purgeInterval(config.duration("ferry.saga.purge-interval", d.purgeInterval()))
                .purgeBatchSize(config.integer("ferry.saga.purge-batch-size", d.purgeBatchSize()));
        b.workerId(config.string("ferry.saga.worker-id").orElseGet(defaultWorkerId));
        config.string("ferry.saga.unknown-versions").ifPresent(v -> b.unknownVersions(unknownVersions(v)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry saga configuration: " + e.getMessage(), e);
        }
    }
}

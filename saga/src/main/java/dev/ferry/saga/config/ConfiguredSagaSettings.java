package dev.ferry.saga.config;

import dev.ferry.runtime.config.FerryConfig;
import java.util.Locale;

/**
 * Reads {@link SagaSettings} from configuration keys; every key is optional: {@code ferry.schema},
 * {@code ferry.saga.instance-table}, {@code ferry.saga.step-table}, {@code ferry.saga.workers},
 * {@code ferry.saga.claim-batch-size}, {@code ferry.saga.poll-interval},
 * {@code ferry.saga.lease-duration}, {@code ferry.saga.max-backoff}, {@code ferry.saga.worker-id},
 * {@code ferry.saga.unknown-versions} ({@code fail} or {@code park}).
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
     * @return the settings
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static SagaSettings read(FerryConfig config) {
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
                .maxBackoff(config.duration("ferry.saga.max-backoff", d.maxBackoff()));
        config.string("ferry.saga.worker-id").ifPresent(b::workerId);
        config.string("ferry.saga.unknown-versions").ifPresent(v -> b.unknownVersions(unknownVersions(v)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry saga configuration: " + e.getMessage(), e);
        }
    }
}

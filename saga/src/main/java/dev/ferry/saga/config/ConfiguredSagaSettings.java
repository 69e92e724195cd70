package dev.ferry.saga.config;

import dev.ferry.runtime.config.FerryConfig;

/**
 * Reads {@link SagaSettings} from configuration keys; every key is optional: {@code ferry.schema},
 * {@code ferry.saga.instance-table}, {@code ferry.saga.step-table}, {@code ferry.saga.workers},
 * {@code ferry.saga.claim-batch-size}, {@code ferry.saga.poll-interval},
 * {@code ferry.saga.lease-duration}, {@code ferry.saga.max-backoff}, {@code ferry.saga.worker-id}.
 */
public final class ConfiguredSagaSettings {

    private ConfiguredSagaSettings() {
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
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry saga configuration: " + e.getMessage(), e);
        }
    }
}

package dev.ferry.outbox.config;

import dev.ferry.runtime.config.FerryConfig;

/**
 * Reads {@link OutboxSettings} from configuration keys: {@code ferry.schema} and one
 * {@code ferry.outbox.*} key per builder setting, named after it ({@code batchSize} is
 * {@code ferry.outbox.batch-size}; {@code backoff(initial, max)} is {@code ferry.outbox.initial-backoff}
 * and {@code ferry.outbox.max-backoff}). README.md's "Configuration" table lists them. Every key is
 * optional: a missing one keeps the builder's default.
 */
public final class ConfiguredOutboxSettings {

    private ConfiguredOutboxSettings() {
    }

    /**
     * @param config the configuration
     * @return the settings
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static OutboxSettings read(FerryConfig config) {
        OutboxSettings d = OutboxSettings.defaults();
        OutboxSettings.Builder b = OutboxSettings.builder()
                .schema(config.string("ferry.schema").orElse(null))
                .table(config.string("ferry.outbox.table", d.table().table()))
                .batchSize(config.integer("ferry.outbox.batch-size", d.batchSize()))
                .relayThreads(config.integer("ferry.outbox.relay-threads", d.relayThreads()))
                .pollInterval(config.duration("ferry.outbox.poll-interval", d.pollInterval()))
                .leaseDuration(config.duration("ferry.outbox.lease-duration", d.leaseDuration()))
                // Unset: three quarters of the lease read above (null keeps the default).
                .publishTimeout(config.duration("ferry.outbox.publish-timeout", null))
                .maxAttempts(config.integer("ferry.outbox.max-attempts", d.maxAttempts()))
                .backoff(config.duration("ferry.outbox.initial-backoff", d.backoff().initial()),
                        config.duration("ferry.outbox.max-backoff", d.backoff().max()))
                .deadMessagePolicy(config.enumValue("ferry.outbox.dead-message-policy", DeadMessagePolicy.class,
                        d.deadMessagePolicy()))
                .retention(config.duration("ferry.outbox.retention", d.retention()))
                .purge(config.duration("ferry.outbox.purge-interval", d.purgeInterval()),
                        config.integer("ferry.outbox.purge-batch-size", d.purgeBatchSize()))
                .smallBatchPause(config.duration("ferry.outbox.small-batch-pause", d.smallBatchPause()));
        config.string("ferry.outbox.relay-id").ifPresent(b::relayId);

        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry outbox configuration: " + e.getMessage(), e);
        }
    }
}

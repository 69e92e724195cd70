package dev.ferry.outbox.config;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;

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
     * @throws IllegalArgumentException naming the key and the value of the first invalid value
     */
    public static OutboxSettings read(FerryConfig config) {
        OutboxSettings d = OutboxSettings.defaults();
        SettingKeys keys = new SettingKeys(config, "outbox");
        OutboxSettings.Builder b = OutboxSettings.builder()
                .schema(keys.string("ferry.schema", "schema").orElse(null))
                .table(keys.string("ferry.outbox.table", "table", d.table().table()))
                .batchSize(keys.integer("ferry.outbox.batch-size", "batchSize", d.batchSize()))
                .relayThreads(keys.integer("ferry.outbox.relay-threads", "relayThreads", d.relayThreads()))
                .pollInterval(keys.duration("ferry.outbox.poll-interval", "pollInterval", d.pollInterval()))
                .leaseDuration(keys.duration("ferry.outbox.lease-duration", "leaseDuration", d.leaseDuration()))
                // Unset: three quarters of the lease read above (null keeps the default).
                .publishTimeout(keys.duration("ferry.outbox.publish-timeout", "publishTimeout", null))
                .maxAttempts(keys.integer("ferry.outbox.max-attempts", "maxAttempts", d.maxAttempts()))
                .backoff(keys.duration("ferry.outbox.initial-backoff", "initialBackoff", d.backoff().initial()),
                        keys.duration("ferry.outbox.max-backoff", "maxBackoff", d.backoff().max()))
                .deadMessagePolicy(keys.enumValue("ferry.outbox.dead-message-policy", "deadMessagePolicy",
                        DeadMessagePolicy.class, d.deadMessagePolicy()))
                .retention(keys.duration("ferry.outbox.retention", "retention", d.retention()))
                .purge(keys.duration("ferry.outbox.purge-interval", "purgeInterval", d.purgeInterval()),
                        keys.integer("ferry.outbox.purge-batch-size", "purgeBatchSize", d.purgeBatchSize()))
                .smallBatchPause(keys.duration("ferry.outbox.small-batch-pause", "smallBatchPause",
                        d.smallBatchPause()))
                .maxPayloadBytes(keys.integer("ferry.outbox.max-payload-bytes", "maxPayloadBytes",
                        d.maxPayloadBytes()));
        keys.string("ferry.outbox.relay-id", "relayId").ifPresent(b::relayId);
        return keys.build(b::build);
    }
}

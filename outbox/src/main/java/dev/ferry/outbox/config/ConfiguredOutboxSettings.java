package dev.ferry.outbox.config;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;

/**
 * Reads {@link OutboxSettings} from configuration keys: {@code ferry.schema} and one
 * {@code ferry.outbox.*} key per builder setting (a named outbox's: {@code ferry.outboxes.<name>.schema} and
 * {@code ferry.outboxes.<name>.*}, see {@link OutboxKeys}), named after it ({@code batchSize} is
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
        return read(config, OutboxKeys.DEFAULT);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live: {@code ferry.outbox.*} or {@code ferry.outboxes.<name>.*}
     * @return the settings
     * @throws IllegalArgumentException naming the key and the value of the first invalid value
     */
    public static OutboxSettings read(FerryConfig config, OutboxKeys outbox) {
        OutboxSettings d = OutboxSettings.defaults();
        SettingKeys keys = new SettingKeys(config, outbox.describe());
        OutboxSettings.Builder b = OutboxSettings.builder()
                .schema(keys.string(outbox.schemaKey(), "schema").orElse(null))
                .table(keys.string(outbox.key("table"), "table", d.table().table()))
                .batchSize(keys.integer(outbox.key("batch-size"), "batchSize", d.batchSize()))
                .relayThreads(keys.integer(outbox.key("relay-threads"), "relayThreads", d.relayThreads()))
                .pollInterval(keys.duration(outbox.key("poll-interval"), "pollInterval", d.pollInterval()))
                .leaseDuration(keys.duration(outbox.key("lease-duration"), "leaseDuration", d.leaseDuration()))
                // Unset: three quarters of the lease read above (null keeps the default).
                .publishTimeout(keys.duration(outbox.key("publish-timeout"), "publishTimeout", null))
                .maxAttempts(keys.integer(outbox.key("max-attempts"), "maxAttempts", d.maxAttempts()))
                .backoff(keys.duration(outbox.key("initial-backoff"), "initialBackoff", d.backoff().initial()),
                        keys.duration(outbox.key("max-backoff"), "maxBackoff", d.backoff().max()))
                .deadMessagePolicy(keys.enumValue(outbox.key("dead-message-policy"), "deadMessagePolicy",
                        DeadMessagePolicy.class, d.deadMessagePolicy()))
                .retention(keys.duration(outbox.key("retention"), "retention", d.retention()))
                .purge(keys.duration(outbox.key("purge-interval"), "purgeInterval", d.purgeInterval()),
                        keys.integer(outbox.key("purge-batch-size"), "purgeBatchSize", d.purgeBatchSize()))
                .smallBatchPause(keys.duration(outbox.key("small-batch-pause"), "smallBatchPause",
                        d.smallBatchPause()))
                .maxPayloadBytes(keys.integer(outbox.key("max-payload-bytes"), "maxPayloadBytes",
                        d.maxPayloadBytes()))
                .crossNodeWakeUps(keys.bool(outbox.key("cross-node-wake-ups"), "crossNodeWakeUps",
                        d.crossNodeWakeUps()));
        keys.string(outbox.key("relay-id"), "relayId").ifPresent(b::relayId);
        return keys.build(b::build);
    }
}

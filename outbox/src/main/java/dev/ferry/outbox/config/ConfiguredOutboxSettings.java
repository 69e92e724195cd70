package dev.ferry.outbox.config;

import dev.ferry.runtime.config.FerryConfig;
import java.time.Duration;

/**
 * Reads {@link OutboxSettings} from configuration keys; every key is optional.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><td>{@code ferry.schema}</td><td>schema of Ferry's tables</td></tr>
 *   <tr><td>{@code ferry.outbox.table}</td><td>table name</td></tr>
 *   <tr><td>{@code ferry.outbox.batch-size}</td><td>messages per batch</td></tr>
 *   <tr><td>{@code ferry.outbox.relay-threads}</td><td>relay threads in this JVM</td></tr>
 *   <tr><td>{@code ferry.outbox.poll-interval}</td><td>e.g. {@code 1s}</td></tr>
 *   <tr><td>{@code ferry.outbox.lease-duration}</td><td>e.g. {@code 60s}</td></tr>
 *   <tr><td>{@code ferry.outbox.max-attempts}</td><td>attempts before dead</td></tr>
 *   <tr><td>{@code ferry.outbox.initial-backoff}, {@code ferry.outbox.max-backoff}</td><td>e.g. {@code 1s}, {@code 5m}</td></tr>
 *   <tr><td>{@code ferry.outbox.dead-message-policy}</td><td>{@code hold-key} or {@code continue}</td></tr>
 *   <tr><td>{@code ferry.outbox.retention}</td><td>e.g. {@code 7d}; 0 deletes delivered rows at once</td></tr>
 *   <tr><td>{@code ferry.outbox.relay-id}</td><td>names this relay's threads and log lines</td></tr>
 * </table>
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
                .maxAttempts(config.integer("ferry.outbox.max-attempts", d.maxAttempts()))
                .backoff(config.duration("ferry.outbox.initial-backoff", d.initialBackoff()),
                        config.duration("ferry.outbox.max-backoff", d.maxBackoff()))
                .deadMessagePolicy(config.enumValue("ferry.outbox.dead-message-policy", DeadMessagePolicy.class,
                        d.deadMessagePolicy()))
                .retention(config.duration("ferry.outbox.retention", Duration.ZERO))
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

package dev.ferry.outbox.inbox;

import dev.ferry.runtime.config.FerryConfig;

/**
 * Reads {@link InboxSettings} from configuration keys: {@code ferry.schema} and one
 * {@code ferry.inbox.*} key per builder setting, named after it ({@code purge(interval, batchSize)}
 * is {@code ferry.inbox.purge-interval} and {@code ferry.inbox.purge-batch-size}). README.md's inbox
 * table lists them. Every key is optional: a missing one keeps the builder's default.
 */
public final class ConfiguredInboxSettings {

    private ConfiguredInboxSettings() {
    }

    /**
     * @param config the configuration
     * @return the settings
     * @throws IllegalArgumentException naming the key of the first invalid value
     */
    public static InboxSettings read(FerryConfig config) {
        InboxSettings d = InboxSettings.defaults();
        try {
            return InboxSettings.builder()
                    .schema(config.string("ferry.schema").orElse(null))
                    .table(config.string("ferry.inbox.table", d.table().table()))
                    .consumer(config.string("ferry.inbox.consumer", d.consumer()))
                    .retention(config.duration("ferry.inbox.retention", d.retention()))
                    .purge(config.duration("ferry.inbox.purge-interval", d.purgeInterval()),
                            config.integer("ferry.inbox.purge-batch-size", d.purgeBatchSize()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry inbox configuration: " + e.getMessage(), e);
        }
    }
}

package dev.ferry.outbox.inbox;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;

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
     * @throws IllegalArgumentException naming the key and the value of the first invalid value
     */
    public static InboxSettings read(FerryConfig config) {
        InboxSettings d = InboxSettings.defaults();
        SettingKeys keys = new SettingKeys(config, "inbox");
        InboxSettings.Builder b = InboxSettings.builder()
                .schema(keys.string("ferry.schema", "schema").orElse(null))
                .table(keys.string("ferry.inbox.table", "table", d.table().table()))
                .consumer(keys.string("ferry.inbox.consumer", "consumer", d.consumer()))
                .retention(keys.duration("ferry.inbox.retention", "retention", d.retention()))
                .purge(keys.duration("ferry.inbox.purge-interval", "purgeInterval", d.purgeInterval()),
                        keys.integer("ferry.inbox.purge-batch-size", "purgeBatchSize", d.purgeBatchSize()));
        return keys.build(b::build);
    }
}

package dev.ferry.outbox.cdi;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads the keys that end in a name of the application's choosing, such as {@code ferry.outbox.kafka.topic.<topic>}
 * or {@code ferry.outbox.kafka.properties.<name>}: every key the configuration lists under a prefix, by the name
 * after it. A key set to a blank value counts as not set. Values are read through {@link SettingKeys}, so a value
 * a builder refuses is reported with its key (a secret's without its value).
 */
final class NamedKeys {

    private NamedKeys() {
    }

    /**
     * @param config the configuration, listing the keys
     * @param keys reads the values and remembers which key feeds which setting
     * @param prefix the keys' common start, ending in a dot
     * @param setting the builder setting a name's value feeds (for messages)
     * @return name to value (trimmed), in the order of the names
     * @throws IllegalArgumentException naming the key and the value if a value holds a control character
     */
    static Map<String, String> read(FerryConfig config, SettingKeys keys, String prefix,
            UnaryOperator<String> setting) {
        return read(config, keys, prefix, setting, name -> false);
    }

    /**
     * @param config the configuration, listing the keys
     * @param keys reads the values and remembers which key feeds which setting
     * @param prefix the keys' common start, ending in a dot
     * @param setting the builder setting a name's value feeds (for messages)
     * @param secret whether a name's value is a secret (a password, a token), which no error shows
     * @return name to value (trimmed), in the order of the names
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) if a value holds a control
     *     character
     */
    static Map<String, String> read(FerryConfig config, SettingKeys keys, String prefix, UnaryOperator<String> setting,
            Predicate<String> secret) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : config.keysStartingWith(prefix)) {
            String name = key.substring(prefix.length());
            Optional<String> value = secret.test(name) ? keys.secret(key, setting.apply(name))
                    : keys.string(key, setting.apply(name));
            value.ifPresent(v -> values.put(name, v.trim()));
        }
        return values;
    }
}

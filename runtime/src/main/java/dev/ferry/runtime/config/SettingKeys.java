package dev.ferry.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads configuration keys for a settings builder and remembers which key feeds which setting, so
 * that when the builder refuses a value the error names the key and the value it had, not only the
 * setting: {@code Ferry outbox configuration ferry.outbox.batch-size = '5000': Outbox setting
 * batchSize must be between 1 and 1000, was 5000}. A key that is not set, or set to an empty or
 * blank value, keeps the builder's default (MicroProfile Config's rule: an empty value is no value).
 *
 * <pre>{@code
 * SettingKeys keys = new SettingKeys(config, "outbox");
 * OutboxSettings.Builder b = OutboxSettings.builder()
 *         .batchSize(keys.integer("ferry.outbox.batch-size", "batchSize", 200));
 * return keys.build(b::build);
 * }</pre>
 */
public final class SettingKeys {

    private final FerryConfig config;
    private final String component;
    private final Map<String, List<String>> keysBySetting = new LinkedHashMap<>();
    private final Set<String> secrets = new HashSet<>();

    /**
     * @param config the configuration
     * @param component what the settings configure, for messages ("outbox", "saga", "inbox")
     */
    public SettingKeys(FerryConfig config, String component) {
        this.config = config;
        this.component = component;
    }

    /**
     * @param key the key
     * @param setting the setting it feeds, as the builder's checks name it
     * @return the value, if set
     */
    public Optional<String> string(String key, String setting) {
        feeds(key, setting);
        return config.string(key);
    }

    /**
     * A secret (a password, a token): errors, here and when the builder refuses it, name the key, never the value.
     *
     * @param key the key
     * @param setting the setting it feeds, as the builder's checks name it
     * @return the value, if set
     */
    public Optional<String> secret(String key, String setting) {
        feeds(key, setting);
        secrets.add(key);
        return config.secret(key);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param fallback the default
     * @return the value or the default
     */
    public String string(String key, String setting, String fallback) {
        feeds(key, setting);
        return config.string(key, fallback);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param fallback the default
     * @return the value as an int
     * @throws IllegalArgumentException naming the key and the value if it is not a whole number
     */
    public int integer(String key, String setting, int fallback) {
        feeds(key, setting);
        return config.integer(key, fallback);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param fallback the default
     * @return the value as a boolean
     * @throws IllegalArgumentException naming the key and the value if it is not true or false
     */
    public boolean bool(String key, String setting, boolean fallback) {
        feeds(key, setting);
        return config.bool(key, fallback);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param fallback the default
     * @return the value as a long
     * @throws IllegalArgumentException naming the key and the value if it is not a whole number
     */
    public long longValue(String key, String setting, long fallback) {
        feeds(key, setting);
        return config.longValue(key, fallback);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param fallback the default
     * @return the value as a duration
     * @throws IllegalArgumentException naming the key and the value if it is not a duration
     */
    public Duration duration(String key, String setting, Duration fallback) {
        feeds(key, setting);
        return config.duration(key, fallback);
    }

    /**
     * @param key the key
     * @param setting the setting it feeds
     * @param type the enum type
     * @param fallback the default
     * @param <E> the enum
     * @return the constant the value names
     * @throws IllegalArgumentException naming the key, the value and the allowed values otherwise
     */
    public <E extends Enum<E>> E enumValue(String key, String setting, Class<E> type, E fallback) {
        feeds(key, setting);
        return config.enumValue(key, type, fallback);
    }

    /**
     * Builds the settings; a refused value is reported with the keys of the settings it is about.
     *
     * @param build the builder's {@code build}
     * @param <S> the settings
     * @return the settings
     * @throws IllegalArgumentException naming the key or keys and their values
     */
    public <S> S build(Supplier<S> build) {
        try {
            return build.get();
        } catch (InvalidSettingException e) {
            List<String> named = new ArrayList<>();
            for (String setting : e.settings()) {
                for (String key : keysBySetting.getOrDefault(setting, List.of())) {
                    named.add(key + config.raw(key).map(v -> secrets.contains(key) ? " (set; a secret, not shown)"
                            : " = '" + v + "'").orElse(" (not set: the default)"));
                }
            }
            throw new IllegalArgumentException("Ferry " + component + " configuration"
                    + (named.isEmpty() ? "" : " " + String.join(", ", named)) + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry " + component + " configuration: " + e.getMessage(), e);
        }
    }

    private void feeds(String key, String setting) {
        keysBySetting.computeIfAbsent(setting, s -> new ArrayList<>(1)).add(key);
    }
}

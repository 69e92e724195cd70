package dev.ferry.runtime.config;

import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Configuration from system properties, then environment variables ({@code FERRY_OUTBOX_BATCH_SIZE}). */
final class SystemFerryConfig implements FerryConfig {

    @Override
    public Optional<String> raw(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public SortedSet<String> keysStartingWith(String prefix) {
        SortedSet<String> keys = new TreeSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                keys.add(name);
            }
        }
        return keys;
    }
}

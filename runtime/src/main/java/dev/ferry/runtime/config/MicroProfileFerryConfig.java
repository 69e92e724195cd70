package dev.ferry.runtime.config;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Configuration from MicroProfile Config, for the calling thread's application. */
final class MicroProfileFerryConfig implements FerryConfig {

    private final Config config;

    MicroProfileFerryConfig() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.config = loader == null ? ConfigProvider.getConfig() : ConfigProvider.getConfig(loader);
    }

    @Override
    public Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }

    @Override
    public SortedSet<String> keysStartingWith(String prefix) {
        SortedSet<String> keys = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                keys.add(name);
            }
        }
        return keys;
    }
}

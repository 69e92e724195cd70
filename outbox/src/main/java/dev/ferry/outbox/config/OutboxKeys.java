package dev.ferry.outbox.config;

import dev.ferry.runtime.config.FerryConfig;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where an outbox's configuration keys live: the default outbox's under {@code ferry.outbox.} (its data sources
 * {@code ferry.datasource} and {@code ferry.worker-datasource}, its schema {@code ferry.schema}); a named outbox's
 * all under {@code ferry.outboxes.<name>.} ({@code datasource}, {@code worker-datasource}, {@code schema},
 * {@code table}, {@code publisher}, the publisher's keys and the relay's). The readers of the outbox's settings and
 * publishers take one of these instead of a fixed prefix, so every outbox is read by the same code.
 */
public final class OutboxKeys {

    /** The start of every named outbox's keys. */
    public static final String NAMED_PREFIX = "ferry.outboxes.";

    /** The keys of the default outbox. */
    public static final OutboxKeys DEFAULT = new OutboxKeys(null, "ferry.outbox.");

    /** What a name may be: it becomes part of keys, relay ids, log lines and environment variable names. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    private final String name;
    private final String prefix;

    private OutboxKeys(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    /**
     * @param name a named outbox's name
     * @return its keys, under {@code ferry.outboxes.<name>.}
     * @throws IllegalArgumentException if the name is not 1 to 40 of a-z, 0-9, '_' and '-', starting with a letter
     */
    public static OutboxKeys named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Ferry outbox name '" + name + "' is not 1 to 40 of a-z, 0-9, '_' and"
                    + " '-' starting with a letter (as in " + NAMED_PREFIX + "billing.datasource)");
        }
        return new OutboxKeys(name, NAMED_PREFIX + name + ".");
    }

    /**
     * The named outboxes the configuration lists: the names in its keys {@code ferry.outboxes.<name>.*}. Only sources
     * that list their keys are searched (see {@link FerryConfig#keysStartingWith}).
     *
     * @param config the configuration
     * @return the names, sorted
     * @throws IllegalArgumentException naming the key if a name is not a valid outbox name
     */
    public static SortedSet<String> namesIn(FerryConfig config) {
        SortedSet<String> names = new TreeSet<>();
        for (String key : config.keysStartingWith(NAMED_PREFIX)) {
            String rest = key.substring(NAMED_PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            try {
                names.add(named(name).name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Ferry configuration " + key + ": " + e.getMessage(), e);
            }
        }
        return names;
    }

    /** @return the outbox's name; empty for the default outbox */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * @param suffix a key's end, such as {@code publisher} or {@code kafka.bootstrap-servers}
     * @return the outbox's key, such as {@code ferry.outbox.publisher} or {@code ferry.outboxes.billing.publisher}
     */
    public String key(String suffix) {
        return prefix + suffix;
    }

    /** @return the key of the JTA data source: {@code ferry.datasource} or {@code ferry.outboxes.<name>.datasource} */
    public String dataSourceKey() {
        return name == null ? "ferry.datasource" : key("datasource");
    }

    /** @return the key of the data source for the relay's local transactions */
    public String workerDataSourceKey() {
        return name == null ? "ferry.worker-datasource" : key("worker-datasource");
    }

    /** @return the key of the schema: {@code ferry.schema} or {@code ferry.outboxes.<name>.schema} */
    public String schemaKey() {
        return name == null ? "ferry.schema" : key("schema");
    }

    /** @return for messages: {@code outbox} or {@code outbox 'billing'} */
    public String describe() {
        return name == null ? "outbox" : "outbox '" + name + "'";
    }

    @Override
    public String toString() {
        return prefix + "*";
    }
}

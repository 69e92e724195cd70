package dev.ferry.runtime.container;

import dev.ferry.runtime.config.FerryConfig;
import java.util.Optional;

/**
 * The JNDI names of an engine's two data sources in a server, with the keys that named them (for messages): the
 * JTA data source its writes join, and the one for its local transactions (the worker's, by default the same).
 * The default engine reads {@code ferry.datasource} and {@code ferry.worker-datasource}; sagas and the inbox may
 * live in a database of their own ({@code ferry.saga.datasource}, {@code ferry.inbox.datasource}); a named outbox
 * must name its own ({@code ferry.outboxes.<name>.datasource}).
 *
 * @param jta the JTA data source's JNDI name
 * @param jtaKey the key that named it, or the default's key
 * @param worker the worker data source's JNDI name
 * @param workerKey the key that named it
 */
public record DataSourceNames(String jta, String jtaKey, String worker, String workerKey) {

    /** The key of the default JTA data source. */
    public static final String DATASOURCE = "ferry.datasource";
    /** The key of the default worker data source. */
    public static final String WORKER_DATASOURCE = "ferry.worker-datasource";
    /** The JTA data source when {@code ferry.datasource} is not set. */
    public static final String DEFAULT_JNDI = "java:comp/DefaultDataSource";

    /**
     * @param config the configuration
     * @return {@code ferry.datasource} (default {@code java:comp/DefaultDataSource}) and
     *     {@code ferry.worker-datasource} (default: the same)
     */
    public static DataSourceNames ofDefault(FerryConfig config) {
        String jta = config.string(DATASOURCE, DEFAULT_JNDI);
        return config.string(WORKER_DATASOURCE).map(w -> new DataSourceNames(jta, DATASOURCE, w, WORKER_DATASOURCE))
                .orElse(new DataSourceNames(jta, DATASOURCE, jta, DATASOURCE));
    }

    /**
     * A component's data sources, such as sagas' ({@code ferry.saga.datasource}, {@code ferry.saga.worker-datasource}):
     * with its own JTA data source set, its worker data source defaults to that one; without, both default to
     * {@link #ofDefault}'s.
     *
     * @param config the configuration
     * @param component the keys' middle part: {@code saga} or {@code inbox}
     * @return the names
     */
    public static DataSourceNames ofComponent(FerryConfig config, String component) {
        String jtaKey = "ferry." + component + ".datasource";
        String workerKey = "ferry." + component + ".worker-datasource";
        Optional<String> own = config.string(jtaKey);
        Optional<String> worker = config.string(workerKey);
        if (own.isPresent()) {
            return new DataSourceNames(own.get(), jtaKey, worker.orElse(own.get()), worker.isPresent() ? workerKey
                    : jtaKey);
        }
        DataSourceNames base = ofDefault(config);
        return worker.map(w -> new DataSourceNames(base.jta(), base.jtaKey(), w, workerKey)).orElse(base);
    }

    /**
     * Data sources that must be named, such as a named outbox's.
     *
     * @param config the configuration
     * @param jtaKey the key of the JTA data source
     * @param workerKey the key of the worker data source (default: the JTA one)
     * @param what what needs them, for the message ("Ferry outbox 'billing'")
     * @return the names
     * @throws IllegalStateException naming the key if the JTA data source is not set
     */
    public static DataSourceNames required(FerryConfig config, String jtaKey, String workerKey, String what) {
        String jta = config.string(jtaKey).orElseThrow(() -> new IllegalStateException(what + " needs " + jtaKey
                + ", the JNDI name of its JTA data source (such as java:jboss/datasources/Billing)"));
        return config.string(workerKey).map(w -> new DataSourceNames(jta, jtaKey, w, workerKey))
                .orElse(new DataSourceNames(jta, jtaKey, jta, jtaKey));
    }
}

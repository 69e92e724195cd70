package dev.ferry.runtime.container;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.engine.EngineBuilder;
import dev.ferry.runtime.tx.Transactions;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * What Ferry takes from a Jakarta EE server through JNDI: data sources, the transaction manager and
 * synchronization registry, and the managed thread factory its relay and workers run on.
 */
public final class ContainerResources {

    /** Where servers bind their JTA transaction manager (not standardized): WildFly, then Payara/GlassFish. */
    private static final List<String> TRANSACTION_MANAGER_NAMES = List.of(
            "java:/TransactionManager", "java:jboss/TransactionManager", "java:appserver/TransactionManager",
            "java:comp/TransactionManager");

    private ContainerResources() {
    }

    /**
     * Points an engine builder at the container: the JTA data source {@code ferry.datasource}
     * ({@link #dataSourceName}), the data source for Ferry's local transactions
     * {@code ferry.worker-datasource} (default: the same one), the server's transaction manager and
     * managed threads, and {@code ferry.create-tables}.
     *
     * @param builder an engine builder
     * @param config the configuration
     * @param <B> the builder's type
     * @return the builder
     * @throws IllegalStateException naming a missing resource
     */
    public static <B extends EngineBuilder<B>> B configure(B builder, FerryConfig config) {
        DataSource jta = dataSource(dataSourceName(config), "ferry.datasource");
        DataSource worker = config.string("ferry.worker-datasource")
                .map(n -> dataSource(n, "ferry.worker-datasource")).orElse(jta);
        return builder.dataSource(jta)
                .workerDataSource(worker)
                .transactions(transactions())
                .threadFactory(managedThreadFactory())
                .createTables(config.bool("ferry.create-tables", false));
    }

    /**
     * @param config the configuration
     * @return the JNDI name of the JTA data source: {@code ferry.datasource}, default
     *     {@code java:comp/DefaultDataSource}
     */
    public static String dataSourceName(FerryConfig config) {
        return config.string("ferry.datasource", "java:comp/DefaultDataSource");
    }

    /**
     * @param jndiName the data source's JNDI name
     * @param configKey the configuration key that named it, for the error message
     * @return the data source
     * @throws IllegalStateException naming the key and the name if there is none
     */
    public static DataSource dataSource(String jndiName, String configKey) {
        return resource(jndiName, DataSource.class, configKey);
    }

    /**
     * @param jndiName a JNDI name
     * @param type what must be bound there
     * @param configKey the configuration key that named it, for the error message
     * @param <T> the type
     * @return the resource
     * @throws IllegalStateException naming the key and the name if nothing of that type is bound there
     */
    public static <T> T resource(String jndiName, Class<T> type, String configKey) {
        Object found = lookup(jndiName);
        if (type.isInstance(found)) {
            return type.cast(found);
        }
        throw new IllegalStateException("No " + type.getSimpleName() + " at JNDI name '" + jndiName + "' (configuration "
                + configKey + ")" + (found == null ? "" : "; found a " + found.getClass().getName()));
    }

    /**
     * @return JTA access through the server's transaction manager and synchronization registry
     * @throws IllegalStateException if the server exposes no transaction manager under a known name
     */
    public static Transactions transactions() {
        Object registry = lookup("java:comp/TransactionSynchronizationRegistry");
        if (!(registry instanceof TransactionSynchronizationRegistry tsr)) {
            throw new IllegalStateException("No TransactionSynchronizationRegistry at java:comp/TransactionSynchronizationRegistry");
        }
        for (String name : TRANSACTION_MANAGER_NAMES) {
            if (lookup(name) instanceof TransactionManager tm) {
                return new Transactions(tm, tsr);
            }
        }
        throw new IllegalStateException("Ferry needs the server's JTA TransactionManager and found none at "
                + TRANSACTION_MANAGER_NAMES);
    }

    /** @return the server's default managed thread factory, for long-running relay and worker threads */
    public static ThreadFactory managedThreadFactory() {
        Object f = lookup("java:comp/DefaultManagedThreadFactory");
        if (f instanceof ManagedThreadFactory mtf) {
            return mtf;
        }
        throw new IllegalStateException("No ManagedThreadFactory at java:comp/DefaultManagedThreadFactory;"
                + " Ferry runs its threads on the server's managed threads");
    }

    private static Object lookup(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            return null;
        }
    }
}

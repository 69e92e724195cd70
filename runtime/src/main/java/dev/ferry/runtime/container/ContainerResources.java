package dev.ferry.runtime.container;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.engine.EngineBuilder;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.tx.TransactionStarter;
import dev.ferry.runtime.tx.Transactions;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
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

    private static final System.Logger LOG = System.getLogger(ContainerResources.class.getName());

    /** The portable JNDI names of {@link ContainerTransactionBean}'s no-interface view. */
    private static final List<String> TRANSACTION_BEAN_NAMES = List.of(
            "java:module/ContainerTransactionBean!" + ContainerTransactionBean.class.getName(),
            "java:module/ContainerTransactionBean",
            "java:app/ContainerTransactionBean!" + ContainerTransactionBean.class.getName());

    /** How Ferry begins its own transactions in a server ({@code ferry.transactions}). */
    public enum TransactionMode {
        /** Through {@link ContainerTransactionBean}, a container-managed transaction (the default). */
        BEAN,
        /** Through the JTA {@code TransactionManager}; needs a pool that enlists connections lazily. */
        TRANSACTION_MANAGER
    }

    /** The JSON binding Ferry uses for payloads and saga data in a server ({@code ferry.json}). */
    public enum JsonMode {
        /** The server's Jakarta JSON Binding (the default): nothing changes for the application. */
        JSONB,
        /** Jackson, which the application then brings itself. */
        JACKSON
    }

    /** Where servers bind their JTA transaction manager (not standardized): WildFly, then Payara/GlassFish. */
    private static final List<String> TRANSACTION_MANAGER_NAMES = List.of(
            "java:/TransactionManager", "java:jboss/TransactionManager", "java:appserver/TransactionManager",
            "java:comp/TransactionManager");

    private ContainerResources() {
    }

    /**
     * Points an engine builder at the container: the JTA data source {@code ferry.datasource}
     * ({@link #dataSourceName}), the data source for Ferry's local transactions
     * {@code ferry.worker-datasource} (default: the same one), the server's transaction manager,
     * Ferry's transactions started as {@code ferry.transactions} says ({@link TransactionMode}), the
     * server's managed threads, JSON as {@code ferry.json} says ({@link JsonMode}), and
     * {@code ferry.create-tables}. Before it returns, it proves that a transaction Ferry begins on a
     * managed thread enlists the data source's connections.
     *
     * @param builder an engine builder
     * @param config the configuration
     * @param <B> the builder's type
     * @return the builder
     * @throws IllegalStateException naming a missing resource, or the setting to change when Ferry's
     *     transactions would not enlist the data source's connections
     * @throws IllegalArgumentException naming a configuration key whose value is invalid
     */
    public static <B extends EngineBuilder<B>> B configure(B builder, FerryConfig config) {
        return configure(builder, config, DataSourceNames.ofDefault(config));
    }

    /**
     * Like {@link #configure(EngineBuilder, FerryConfig)}, with the data sources given: those of sagas or the
     * inbox in a database of their own, or of a named outbox ({@link DataSourceNames}).
     *
     * @param builder an engine builder
     * @param config the configuration
     * @param names the JNDI names of the JTA and the worker data source
     * @param <B> the builder's type
     * @return the builder
     * @throws IllegalStateException naming a missing resource and its key, or the setting to change when Ferry's
     *     transactions would not enlist the data source's connections
     * @throws IllegalArgumentException naming a configuration key whose value is invalid
     */
    public static <B extends EngineBuilder<B>> B configure(B builder, FerryConfig config, DataSourceNames names) {
        String jtaName = names.jta();
        DataSource jta = dataSource(jtaName, names.jtaKey());
        DataSource worker = names.worker().equals(jtaName) ? jta : dataSource(names.worker(), names.workerKey());
        TransactionMode mode = transactionMode(config);
        Transactions transactions = transactions(mode);
        ThreadFactory threads = managedThreadFactory();
        EnlistmentCheck.verify(transactions, jta, jtaName, SqlDialects.detect(jta),
                mode == TransactionMode.BEAN ? null : threads);
        return builder.dataSource(jta)
                .workerDataSource(worker)
                .transactions(transactions)
                .threadFactory(threads)
                .json(json(config))
                .createTables(createTables(config))
                .telemetry(ContainerTelemetry.find(config))
                .healthThresholds(ContainerTelemetry.thresholds(config));
    }

    /**
     * @param config the configuration
     * @return how Ferry begins its own transactions: {@code ferry.transactions}, default {@code bean}
     * @throws IllegalArgumentException naming the key and the value if it is neither mode
     */
    public static TransactionMode transactionMode(FerryConfig config) {
        return config.enumValue("ferry.transactions", TransactionMode.class, TransactionMode.BEAN);
    }

    /**
     * @param config the configuration
     * @return whether Ferry creates missing tables at start: {@code ferry.create-tables}, default false
     * @throws IllegalArgumentException naming the key and the value if it is not true or false
     */
    public static boolean createTables(FerryConfig config) {
        return config.bool("ferry.create-tables", false);
    }

    /**
     * @param config the configuration
     * @return the application's {@link dev.ferry.json.FerryJson @FerryJson} {@code ObjectMapper} or
     *     {@code Jsonb} bean if it declares one, else the codec {@code ferry.json} names: the server's
     *     JSON-B unless it says {@code jackson}
     * @throws IllegalArgumentException naming the key if its value is neither
     * @throws IllegalStateException if Jackson is asked for and not in the application, or the
     *     application declares more than one {@code @FerryJson} bean
     */
    public static JsonCodec json(FerryConfig config) {
        return ContainerJson.choose(config);
    }

    /**
     * @param config the configuration
     * @return the JSON binding {@code ferry.json} names, default {@code jsonb}
     * @throws IllegalArgumentException naming the key and the value if it is neither
     */
    public static JsonMode jsonMode(FerryConfig config) {
        return config.enumValue("ferry.json", JsonMode.class, JsonMode.JSONB);
    }

    /**
     * A name for this engine that survives a restart of the server: the server's node or instance
     * name and the host, with the application's name, so that a restarted server takes its own work
     * back at once. WildFly: {@code jboss.node.name}; Payara and GlassFish: the host and
     * {@code com.sun.aas.instanceName}.
     *
     * @return the identity, at most 100 characters
     */
    public static String serverIdentity() {
        String node = System.getProperty("jboss.node.name");
        if (node == null) {
            String instance = System.getProperty("com.sun.aas.instanceName");
            node = instance == null ? hostName() : hostName() + ":" + instance;
        }
        Object app = lookup("java:app/AppName");
        String id = app == null ? node : node + "/" + app;
        return id.length() <= 100 ? id : id.substring(0, 100);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * @param config the configuration
     * @return the JNDI name of the JTA data source: {@code ferry.datasource}, default
     *     {@code java:comp/DefaultDataSource}
     */
    public static String dataSourceName(FerryConfig config) {
        return config.string(DataSourceNames.DATASOURCE, DataSourceNames.DEFAULT_JNDI);
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
        throw new IllegalStateException("No " + type.getSimpleName() + " at JNDI name '" + jndiName
                + "' (configuration " + configKey + ")"
                + (found == null ? "" : "; found a " + found.getClass().getName()));
    }

    /**
     * @param mode how Ferry's own transactions are begun
     * @return JTA access through the server's transaction manager and synchronization registry
     * @throws IllegalStateException if the server exposes no transaction manager under a known name,
     *     or the bean is asked for and not deployed
     */
    public static Transactions transactions(TransactionMode mode) {
        Object registry = lookup("java:comp/TransactionSynchronizationRegistry");
        if (!(registry instanceof TransactionSynchronizationRegistry tsr)) {
            throw new IllegalStateException(
                    "No TransactionSynchronizationRegistry at java:comp/TransactionSynchronizationRegistry");
        }
        for (String name : TRANSACTION_MANAGER_NAMES) {
            if (lookup(name) instanceof TransactionManager tm) {
                TransactionStarter starter = mode == TransactionMode.BEAN
                        ? new BeanTransactionStarter(transactionBean()) : null;
                Transactions transactions = new Transactions(tm, tsr, starter);
                LOG.log(Level.DEBUG, () -> "Ferry begins its transactions through " + transactions.starter());
                return transactions;
            }
        }
        throw new IllegalStateException("Ferry needs the server's JTA TransactionManager and found none at "
                + TRANSACTION_MANAGER_NAMES);
    }

    private static ContainerTransactionBean transactionBean() {
        for (String name : TRANSACTION_BEAN_NAMES) {
            if (lookup(name) instanceof ContainerTransactionBean bean) {
                return bean;
            }
        }
        throw new IllegalStateException("Ferry's transaction bean " + ContainerTransactionBean.class.getName()
                + " is not deployed (looked up at " + TRANSACTION_BEAN_NAMES + "): put Ferry's jars in the WAR's"
                + " WEB-INF/lib (or the EJB module), or set ferry.transactions=transaction-manager on a server whose"
                + " pools enlist connections in transactions begun on the TransactionManager");
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

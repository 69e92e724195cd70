package dev.ferry.runtime.se;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import dev.ferry.runtime.tx.Transactions;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration.TransactionIsolation;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Everything a Java SE application needs to use Ferry the way a Jakarta EE server would provide it:
 * Narayana's JTA transaction manager, a pooled XA data source enlisted in its transactions (Agroal),
 * and a small non-JTA pool (HikariCP) for Ferry's relay and workers. With {@link Builder#xa(boolean)
 * xa(false)} the pool's connections are plain JDBC connections that Narayana enlists as its one
 * local resource, as a Jakarta EE server does with a non-XA data source.
 *
 * <pre>{@code
 * try (JavaSeEnvironment env = JavaSeEnvironment.builder()
 *         .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app").user("app").password("secret")
 *         .build()) {
 *     env.userTransaction().begin();
 *     try (Connection c = env.dataSource().getConnection()) { ... }   // enlisted in the transaction
 *     env.userTransaction().commit();
 * }
 * }</pre>
 *
 * <p>Narayana's transaction manager is one per JVM; environments share it. Its object store is
 * configured by the first environment built in the JVM. A transaction that touches only this
 * database commits in one phase and leaves nothing to recover; if the connection is lost during that
 * commit, {@code commit()} throws {@code HeuristicMixedException}, as the database may or may not
 * have committed (see the package-private {@code XaErrorCodeResource}). One that enlists a second
 * XA resource commits in two phases; build the environment with
 * {@link Builder#recovery(boolean) recovery(true)} so that Narayana's recovery manager completes what
 * a crash leaves prepared.
 */
public final class JavaSeEnvironment implements AutoCloseable {

    private final String jdbcUrl;
    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry registry;
    private final AgroalDataSource dataSource;
    private final WorkerPool workerPool;
    private final Transactions transactions;
    private final NarayanaRecovery recovery;

    private JavaSeEnvironment(Builder b) throws SQLException {
        this.jdbcUrl = b.jdbcUrl; // copied: the builder stays the caller's, and may change after build()
        String node = NarayanaSetup.configure(b.objectStoreDirectory, b.nodeIdentifier);
        this.transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        this.registry = new TransactionSynchronizationRegistryImple();
        this.transactions = new Transactions(transactionManager, registry);
        this.recovery = b.recovery ? NarayanaRecovery.start(node) : null;
        AgroalDataSource pool = null;
        WorkerPool workers;
        try {
            pool = AgroalDataSource.from(agroalConfig(b));
            workers = WorkerPool.open(b.jdbcUrl, b.user, b.password, b.workerPoolSize);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            if (recovery != null) {
                NarayanaRecovery.release();
            }
            throw e;
        }
        this.dataSource = pool;
        this.workerPool = workers;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return Narayana's transaction manager */
    public TransactionManager transactionManager() {
        return transactionManager;
    }

    /** @return the synchronization registry */
    public TransactionSynchronizationRegistry synchronizationRegistry() {
        return registry;
    }

    /** @return Narayana's user transaction */
    public UserTransaction userTransaction() {
        return com.arjuna.ats.jta.UserTransaction.userTransaction();
    }

    /** @return JTA helpers over this environment's transaction manager */
    public Transactions transactions() {
        return transactions;
    }

    /**
     * @return the pooled data source (XA unless built with {@code xa(false)}): connections taken
     *     inside a JTA transaction are enlisted in it, and one transaction gets one shared connection
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return a non-JTA pool (auto-commit off, read committed) for Ferry's relay and workers */
    public DataSource workerDataSource() {
        return workerPool.dataSource();
    }

    /** @return the JDBC URL the environment connects to */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Completes now the two-phase transactions a crash left prepared in this environment's database
     * (and in any other XA pool of the JVM built with recovery), from Narayana's transaction log:
     * committed where the log says the transaction was committing, rolled back where it has no
     * record. The recovery manager also does this every two minutes; call it at start-up to finish
     * a previous run's work before new work takes its locks.
     *
     * @throws IllegalStateException if the environment was not built with {@code recovery(true)}
     */
    public void recover() {
        if (recovery == null) {
            throw new IllegalStateException("This JavaSeEnvironment was built without recovery(true)");
        }
        recovery.scan();
    }

    /** Closes both pools, and stops the recovery manager if this was the last environment using it. */
    @Override
    public void close() {
        workerPool.close();
        dataSource.close();
        if (recovery != null) {
            NarayanaRecovery.release();
        }
    }

    private AgroalDataSourceConfigurationSupplier agroalConfig(Builder b) {
        Class<?> xaClass = b.xa ? XaDataSourceClasses.forUrl(b.jdbcUrl) : null;
        // The driver's XA resources through XaErrorCodeResource: see there why.
        XaErrorCodeIntegration integration = new XaErrorCodeIntegration(recovery == null
                ? new NarayanaTransactionIntegration(transactionManager, registry)
                : new NarayanaTransactionIntegration(transactionManager, registry, null, false, recovery));
        return new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(b.maxPoolSize)
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .validationTimeout(Duration.ofSeconds(30))
                        .transactionIntegration(integration)
                        .connectionFactoryConfiguration(cf -> {
                            if (xaClass != null) {
                                cf.connectionProviderClass(xaClass);
                            }
                            cf.jdbcUrl(b.jdbcUrl)
                                    .jdbcTransactionIsolation(TransactionIsolation.READ_COMMITTED);
                            if (b.user != null) {
                                cf.principal(new NamePrincipal(b.user));
                            }
                            if (b.password != null) {
                                cf.credential(new SimplePassword(b.password));
                            }
                            return cf;
                        }));
    }

    /** Settings of a {@link JavaSeEnvironment}; {@code jdbcUrl} is required. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private int maxPoolSize = 20;
        private int workerPoolSize = 6;
        private Path objectStoreDirectory;
        private String nodeIdentifier;
        private boolean xa = true;
        private boolean recovery;

        private Builder() {
        }

        /**
         * @param jdbcUrl the database, {@code jdbc:postgresql:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:},
         *     {@code jdbc:h2:}, {@code jdbc:sqlserver:} or {@code jdbc:oracle:}
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /**
         * @param user the database user
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * @param password the database password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * @param size the XA pool's maximum size (default 20)
         * @return this builder
         */
        public Builder maxPoolSize(int size) {
            this.maxPoolSize = requirePositive("maxPoolSize", size);
            return this;
        }

        /**
         * @param size the worker pool's maximum size (default 6)
         * @return this builder
         */
        public Builder workerPoolSize(int size) {
            this.workerPoolSize = requirePositive("workerPoolSize", size);
            return this;
        }

        /**
         * @param directory where Narayana keeps its transaction log (default: Narayana's
         *     {@code ObjectStore} in the working directory); must survive restarts
         * @return this builder
         */
        public Builder objectStoreDirectory(Path directory) {
            this.objectStoreDirectory = directory;
            return this;
        }

        /**
         * @param xa true (the default) for an XA pool, whose connections can share a transaction with
         *     other XA resources under two-phase commit; false for plain connections enlisted as
         *     Narayana's one local resource (one-phase commit only, like a server's non-XA data
         *     source). For an application whose transactions touch this database and nothing else,
         *     false saves a round trip per transaction on PostgreSQL, whose XA driver sends
         *     {@code BEGIN} on its own when a connection joins a transaction
         * @return this builder
         */
        public Builder xa(boolean xa) {
            this.xa = xa;
            return this;
        }

        /**
         * @param recovery true to run Narayana's recovery manager in this JVM (default false). Needed
         *     only when transactions enlist a second XA resource beside this database: a crash
         *     between their two phases leaves branches prepared, holding their locks, until a JVM
         *     with the same {@link #objectStoreDirectory object store} and {@link #nodeIdentifier
         *     node identifier} recovers them (see {@link JavaSeEnvironment#recover()}). Requires
         *     both, and the XA pool; each JVM sharing a database needs its own of each
         * @return this builder
         */
        public Builder recovery(boolean recovery) {
            this.recovery = recovery;
            return this;
        }

        /**
         * @param nodeIdentifier Narayana's node identifier, unique per JVM sharing a database and the
         *     same across its restarts when {@link #recovery(boolean) recovery} is on (default:
         *     derived from the process id)
         * @return this builder
         */
        public Builder nodeIdentifier(String nodeIdentifier) {
            this.nodeIdentifier = nodeIdentifier;
            return this;
        }

        /**
         * @return the started environment
         * @throws IllegalStateException if the URL is missing or the database cannot be reached
         */
        public JavaSeEnvironment build() {
            if (jdbcUrl == null) {
                throw new IllegalStateException("JavaSeEnvironment needs a jdbcUrl");
            }
            SeLibraries.require();
            if (recovery && (!xa || objectStoreDirectory == null || nodeIdentifier == null)) {
                throw new IllegalStateException("JavaSeEnvironment.recovery(true) needs the XA pool, an"
                        + " objectStoreDirectory and a nodeIdentifier that stay the same across restarts (xa: " + xa
                        + ", objectStoreDirectory: " + objectStoreDirectory
                        + ", nodeIdentifier: " + nodeIdentifier + ")");
            }
            try {
                // Before any pool or recovery manager starts, straight from the driver: a pool would
                // wait its whole acquisition timeout to report it.
                try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password)) {
                    c.isValid(5);
                }
                return new JavaSeEnvironment(this);
            } catch (SQLException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new IllegalStateException("Cannot connect to " + jdbcUrl + ": " + e.getMessage()
                        + (root == e ? "" : " (" + root + ")"), e);
            }
        }

        private static int requirePositive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, was " + value);
            }
            return value;
        }
    }

    /** Configures Narayana once per JVM, before its first use. */
    private static final class NarayanaSetup {
        private static String configuredNode;

        /** @return the JVM's node identifier, as the first environment configured it */
        static synchronized String configure(Path objectStore, String nodeIdentifier) {
            if (configuredNode != null) {
                return configuredNode;
            }
            String node = nodeIdentifier != null ? nodeIdentifier : "ferry-" + ProcessHandle.current().pid();
            // Narayana limits the node identifier to 28 bytes.
            node = node.length() > 28 ? node.substring(0, 28) : node;
            try {
                BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(node);
            } catch (com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException e) {
                throw new IllegalArgumentException(
                        "Invalid Narayana node identifier '" + node + "': " + e.getMessage(), e);
            }
            if (objectStore != null) {
                String dir = objectStore.toAbsolutePath().toString();
                BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
                BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore")
                        .setObjectStoreDir(dir);
                BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
            }
            configuredNode = node;
            return node;
        }
    }
}

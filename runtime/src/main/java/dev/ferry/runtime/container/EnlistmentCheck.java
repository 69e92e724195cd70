package dev.ferry.runtime.container;

import dev.ferry.runtime.tx.Transactions;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Proves, when the application starts, that a transaction begun the way Ferry's workers begin theirs
 * enlists the connections taken in it. On PostgreSQL the connection must report the same
 * transaction id ({@code txid_current()}) to two statements: a connection the pool hands out outside
 * the transaction runs each statement in a transaction of its own, so its writes would commit apart
 * from the rest. On databases without such an id the connection must have auto-commit off. Where
 * the check fails Ferry refuses to start rather than run without atomicity.
 *
 * <p>Transactions begun on the {@code TransactionManager} are checked on a managed thread, where
 * Payara Server's default pools do not enlist. Transactions of {@link ContainerTransactionBean} are
 * checked on the calling (deployment) thread: the bean gets its own container transaction on any
 * thread, and WildFly holds calls from other threads to a session bean until the deployment ends.
 */
final class EnlistmentCheck {

    private static final long WAIT_MILLIS = 60_000;

    private EnlistmentCheck() {
    }

    /**
     * @param transactions how Ferry begins its transactions
     * @param dataSource the JTA data source
     * @param dataSourceName its JNDI name, for the message
     * @param dialect the database's dialect
     * @param threads the managed thread factory Ferry's workers run on, or null to check on the
     *     calling thread
     * @throws IllegalStateException naming the data source and the settings to change when a
     *     connection is not enlisted, or when the check cannot run
     */
    static void verify(Transactions transactions, DataSource dataSource, String dataSourceName,
                       SqlDialect dialect, ThreadFactory threads) {
        AtomicReference<Boolean> enlisted = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable check = () -> {
            try {
                enlisted.set(transactions.inNewTransaction(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return inOneTransaction(c, dialect);
                    }
                }));
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        if (threads == null) {
            check.run();
        } else {
            runOnManagedThread(check, threads, dataSourceName);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Ferry cannot check that its transactions enlist connections of "
                    + dataSourceName + ": " + failure.get(), failure.get());
        }
        if (enlisted.get() == null) {
            throw new IllegalStateException("Ferry's enlistment check on " + dataSourceName + " did not end within "
                    + WAIT_MILLIS / 1000 + " s");
        }
        if (!enlisted.get()) {
            throw new IllegalStateException("Ferry refuses to start: a connection of data source " + dataSourceName
                    + " taken in a transaction begun by " + transactions.starter()
                    + " is not enlisted in it (its statements commit one by one), so a saga step's writes"
                    + " would commit apart from the saga's progress. Use ferry.transactions=bean (the default;"
                    + " it needs Ferry's jars in WEB-INF/lib), or on Payara Server or GlassFish set the pool's"
                    + " lazy connection enlistment: asadmin set resources.jdbc-connection-pool.<pool>"
                    + ".lazy-connection-enlistment=true");
        }
    }

    private static boolean inOneTransaction(Connection c, SqlDialect dialect) throws SQLException {
        String query = dialect.currentTransactionIdQuery();
        if (query == null) {
            return !c.getAutoCommit();
        }
        try (Statement st = c.createStatement()) {
            return transactionId(st, query).equals(transactionId(st, query));
        }
    }

    private static String transactionId(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void runOnManagedThread(Runnable check, ThreadFactory threads, String dataSourceName) {
        Thread thread = threads.newThread(check);
        thread.setName("ferry-enlistment-check");
        thread.start();
        try {
            thread.join(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the enlistment of " + dataSourceName, e);
        }
    }
}

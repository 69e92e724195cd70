package dev.ferry.runtime.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections for Ferry's own short local transactions (claims, progress records, purges), taken
 * outside any JTA transaction. Auto-commit is turned off; when the pool handed out an auto-commit
 * connection (a container's JTA data source used outside a transaction), it is turned back on
 * before the connection returns to the pool.
 */
public final class LocalConnections {

    private LocalConnections() {
    }

    /**
     * @param dataSource a data source, used outside JTA transactions
     * @return a connection with auto-commit off; the caller commits or rolls back, then closes it
     * @throws SQLException from the pool or driver
     */
    public static Connection open(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        if (!c.getAutoCommit()) {
            return c;
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(LocalConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new RestoreAutoCommitOnClose(c));
    }

    /** Work on a connection in a local transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection, auto-commit off
         * @return the result
         * @throws SQLException from the driver
         */
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs work in a local transaction of its own on a connection of the data source: commits when
     * it returns, rolls back when it throws (a failed rollback is added to the cause, never hides
     * it), and closes the connection.
     *
     * @param dataSource a data source, used outside JTA transactions
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws SQLException from the pool, the driver or the work
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = open(dataSource)) {
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(c, e);
                throw e;
            }
        }
    }

    /**
     * Rolls back a local transaction after a failure; a failed rollback is added to the cause as
     * suppressed, never hides it.
     *
     * @param c the connection whose transaction failed
     * @param cause the failure, which the caller goes on to throw
     */
    public static void rollbackAfter(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Turns auto-commit back on when the connection is closed. */
    private record RestoreAutoCommitOnClose(Connection target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    if (!target.isClosed()) {
                        target.rollback(); // nothing is left open; committed work is unaffected
                        target.setAutoCommit(true);
                    }
                } finally {
                    target.close();
                }
                return null;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

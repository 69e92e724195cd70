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

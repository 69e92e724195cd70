package dev.ferry.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens and commits a plain JDBC transaction with the round trips of the benchmark's JTA pool. The
 * PostgreSQL driver's XA start sends {@code BEGIN} on its own; a plain connection with auto-commit
 * off sends it with the first statement.
 */
final class BareTransaction implements AutoCloseable {

    private final Connection connection;
    private final Statement statement;
    private final boolean xa;

    /**
     * @param connection a connection in auto-commit mode, used by one thread
     * @param xa whether the JTA pool is XA ({@link BenchOptions#xa()})
     */
    BareTransaction(Connection connection, boolean xa) throws SQLException {
        this.connection = connection;
        this.xa = xa;
        this.statement = connection.createStatement();
        connection.setAutoCommit(xa);
    }

    void begin() throws SQLException {
        if (xa) {
            statement.execute("BEGIN");
        }
    }

    void commit() throws SQLException {
        if (xa) {
            statement.execute("COMMIT");
        } else {
            connection.commit();
        }
    }

    /** Closes the statement; the connection is the caller's. */
    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

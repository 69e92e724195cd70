package dev.ferry.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens and commits a plain JDBC transaction with the round trips of the benchmark's JTA pool. The
 * PostgreSQL driver's XA start sends {@code BEGIN} on its own; a plain connection with auto-commit
 * off sends it with the first statement. MariaDB's XA driver sends {@code XA START} on its own, and
 * {@code XA END} then {@code XA COMMIT … ONE PHASE} to commit.
 */
final class BareTransaction implements AutoCloseable {

    private final Connection connection;
    private final Statement statement;
    private final boolean xa;
    /** The XA transaction id on MariaDB with an XA pool, else null. */
    private final String mariaDbXid;

    /**
     * @param connection a connection in auto-commit mode, used by one thread
     * @param xa whether the JTA pool is XA ({@link BenchOptions#xa()})
     */
    BareTransaction(Connection connection, boolean xa) throws SQLException {
        this(connection, xa, BenchDatabase.POSTGRESQL);
    }

    /**
     * @param connection a connection in auto-commit mode, used by one thread
     * @param xa whether the JTA pool is XA ({@link BenchOptions#xa()})
     * @param database the database, whose XA driver sends the round trips
     */
    BareTransaction(Connection connection, boolean xa, BenchDatabase database) throws SQLException {
        this.connection = connection;
        this.xa = xa;
        this.mariaDbXid = xa && database == BenchDatabase.MARIADB
                ? "'bench-" + Integer.toHexString(System.identityHashCode(this)) + "'" : null;
        this.statement = connection.createStatement();
        connection.setAutoCommit(xa);
    }

    void begin() throws SQLException {
        if (mariaDbXid != null) {
            statement.execute("XA START " + mariaDbXid);
        } else if (xa) {
            statement.execute("BEGIN");
        }
    }

    void commit() throws SQLException {
        if (mariaDbXid != null) {
            statement.execute("XA END " + mariaDbXid);
            statement.execute("XA COMMIT " + mariaDbXid + " ONE PHASE");
        } else if (xa) {
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

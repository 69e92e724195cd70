package dev.ferry.sample.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sample's PostgreSQL database ({@code ferry_sample} on 127.0.0.1:5432, or FERRY_PG_* as in the
 * server's data source): made empty before a server starts, and read by the tests to count rows.
 */
final class SampleDatabase {

    static final String HOST = env("FERRY_PG_HOST", "127.0.0.1");
    static final String PORT = env("FERRY_PG_PORT", "5432");
    static final String NAME = env("FERRY_PG_DATABASE", "ferry_sample");
    static final String USER = env("FERRY_PG_USER", "postgres");
    static final String PASSWORD = env("FERRY_PG_PASSWORD", "postgres");

    private SampleDatabase() {
    }

    /** Drops and creates the database; fails loudly if PostgreSQL is not there. */
    static void recreate() throws SQLException {
        recreate(NAME);
    }

    /**
     * Drops (ending its connections) and creates a database on the same PostgreSQL; fails loudly if it is not there.
     *
     * @param database the database's name, a plain SQL identifier
     */
    static void recreate(String database) throws SQLException {
        drop(database);
        onServer("CREATE DATABASE " + database);
    }

    /**
     * Drops a database on the same PostgreSQL, ending its connections, if it exists.
     *
     * @param database the database's name, a plain SQL identifier
     */
    static void drop(String database) throws SQLException {
        onServer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER,
                PASSWORD);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Makes the sample database refuse new connections and ends the open ones (as an outage would,
     * for this database only), or lets connections in again.
     */
    static void refuseConnections(boolean refuse) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER,
                PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + NAME + "'");
            }
        }
    }

    static void execute(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long countUnchecked(String sql, Object... params) {
        try {
            return count(sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

package dev.ferry.runtime.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real databases Ferry's tests run against, and the one place that decides where each comes
 * from: an explicit JDBC URL from the environment ({@code FERRY_TEST_POSTGRESQL_URL} with
 * {@code _USER}/{@code _PASSWORD}, likewise {@code FERRY_TEST_MARIADB_URL}), else the local server
 * (127.0.0.1:5432 as {@code postgres}, 127.0.0.1:3306 as {@code root}), else a Testcontainers
 * container when Docker is available. With none of these the test fails: it never passes without
 * its database.
 */
public enum TestDatabase {
    /** PostgreSQL. */
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "", 5432),
    /** MariaDB. */
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "", 3306);

    private final String localUrl;
    private final String localUser;
    private final String localPassword;
    private final int localPort;
    private Server server;

    TestDatabase(String localUrl, String localUser, String localPassword, int localPort) {
        this.localUrl = localUrl;
        this.localUser = localUser;
        this.localPassword = localPassword;
        this.localPort = localPort;
    }

    /** Where a server is: admin URL and credentials. */
    record Server(String url, String user, String password) {
    }

    /**
     * Creates a fresh, empty schema (on MariaDB a database) for one test class.
     *
     * @param prefix a readable prefix, e.g. the test's name
     * @return connection details whose default schema is the new one
     */
    public TestSchema createSchema(String prefix) {
        Server s = server();
        String schema = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (schema.length() > 50) {
            schema = schema.substring(schema.length() - 50);
        }
        if (!Character.isLetter(schema.charAt(0))) {
            schema = "t" + schema;
        }
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "CREATE SCHEMA " + schema : "CREATE DATABASE " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create test schema " + schema + " on " + s.url() + ": " + e.getMessage(), e);
        }
        String url = this == POSTGRESQL
                ? s.url() + (s.url().contains("?") ? "&" : "?") + "currentSchema=" + schema
                : withDatabase(s.url(), schema);
        return new TestSchema(this, url, s.user(), s.password(), schema);
    }

    /** Drops a schema made by {@link #createSchema}. */
    void drop(String schema) {
        Server s = server();
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL
                    ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + query;
    }

    synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    private Server locate() {
        String env = "FERRY_TEST_" + name();
        String url = System.getenv(env + "_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, System.getenv(env + "_USER"), System.getenv(env + "_PASSWORD"));
        }
        if (portAnswers(localPort)) {
            return new Server(localUrl, localUser, localPassword);
        }
        return TestContainers.start(this).orElseThrow(() -> new IllegalStateException(
                "No " + this + " for the tests: set " + env + "_URL, start the local server on 127.0.0.1:"
                        + localPort + " (see .ci/run), or run Docker for Testcontainers"));
    }

    private static boolean portAnswers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

package dev.ferry.runtime.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The real databases Ferry's tests run against, and the one place that decides where each comes
 * from: an explicit JDBC URL from the environment ({@code FERRY_TEST_POSTGRESQL_URL} with
 * {@code _USER}/{@code _PASSWORD}, likewise {@code FERRY_TEST_MARIADB_URL},
 * {@code FERRY_TEST_SQLSERVER_URL} and {@code FERRY_TEST_ORACLE_URL}), else the local server
 * (127.0.0.1:5432 as {@code postgres}, 127.0.0.1:3306 as {@code root}, 127.0.0.1:1433 as
 * {@code sa}, 127.0.0.1:1521/FREEPDB1 as {@code system}; {@code _USER}/{@code _PASSWORD} override
 * these), else a Testcontainers container when Docker is available. With none of these the test
 * fails: it never passes without its database. Which of them a parameterized test runs on is
 * {@link TestDatabases}' choice.
 */
public enum TestDatabase {
    /** PostgreSQL. */
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "", 5432),
    /** MariaDB. */
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "", 3306),
    /** SQL Server 2022 (a database per test class, tables in its {@code dbo} schema). */
    SQLSERVER("jdbc:sqlserver://127.0.0.1:1433;encrypt=false", "sa", "", 1433),
    /** Oracle Database Free 23 (a user, which is a schema, per test class). */
    ORACLE("jdbc:oracle:thin:@//127.0.0.1:1521/FREEPDB1", "system", "", 1521);

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

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /**
     * Creates a fresh, empty schema (on MariaDB and SQL Server a database, on Oracle a user) for one
     * test class.
     *
     * @param prefix a readable prefix, e.g. the test's name
     * @return connection details whose default schema is the new one
     */
    public TestSchema createSchema(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (name.length() > 50) {
            name = name.substring(name.length() - 50);
        }
        if (!Character.isLetter(name.charAt(0))) {
            name = "t" + name;
        }
        return TestNamespaces.create(this, server(), name);
    }

    /** Drops what {@link #createSchema} made. */
    void drop(TestSchema schema) {
        TestNamespaces.drop(this, server(), schema.namespace());
    }

    /**
     * @return a connection as the server's administrator (not in a test's schema), e.g. to end
     *     another session
     * @throws SQLException from the driver
     */
    public Connection connectAsAdmin() throws SQLException {
        return server().connect();
    }

    /**
     * @return whether {@link TestSchema#environment()} pools XA connections: not on SQL Server,
     *     whose XA needs the Microsoft Distributed Transaction Coordinator and
     *     {@code sp_sqljdbc_xa_install}, which its container image does not set up
     */
    public boolean xa() {
        return switch (this) {
            case POSTGRESQL, MARIADB, ORACLE -> true;
            case SQLSERVER -> false;
        };
    }

    /** @return the column type of a 64-bit integer (Oracle has no {@code BIGINT}) */
    public String bigint() {
        return switch (this) {
            case POSTGRESQL, MARIADB, SQLSERVER -> "BIGINT";
            case ORACLE -> "NUMBER(19)";
        };
    }

    /** @return the definition of a 64-bit primary key the database numbers itself, ascending */
    public String identityKey() {
        return switch (this) {
            case POSTGRESQL -> "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
            case MARIADB -> "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";
            case SQLSERVER -> "BIGINT IDENTITY(1,1) PRIMARY KEY";
            case ORACLE -> "NUMBER(19) GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        };
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
            return new Server(localUrl, orElse(System.getenv(env + "_USER"), localUser),
                    orElse(System.getenv(env + "_PASSWORD"), localPassword));
        }
        return TestContainers.start(this).orElseThrow(() -> new IllegalStateException(
                "No " + this + " for the tests: set " + env + "_URL, start the local server on 127.0.0.1:"
                        + localPort + " (see .ci/run), or run Docker for Testcontainers (no Docker found)"));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
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

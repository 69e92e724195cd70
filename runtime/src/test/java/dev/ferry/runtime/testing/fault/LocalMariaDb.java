package dev.ferry.runtime.testing.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB server of the tests' own, made with {@code mariadb-install-db} under
 * {@code target/fault-db/} and run as a child process on a free port (user {@code root}, empty
 * password), that a test may restart and kill: the machine's server on 3306 is never touched.
 * {@link #close()} kills it and deletes its files; a shutdown hook does the same if the test JVM
 * ends first.
 */
public final class LocalMariaDb implements AutoCloseable {

    private final Path base;
    private final Path data;
    private final File log;
    private final int port;
    private final Thread cleanup;
    private Process server;

    private LocalMariaDb(Path base, int port) {
        this.base = base;
        this.data = base.resolve("data");
        this.log = base.resolve("server.log").toFile();
        this.port = port;
        this.cleanup = new Thread(this::stopAndDelete, "stop-" + base.getFileName());
    }

    /**
     * Makes and starts a server.
     *
     * @param name names its directory
     * @param preferredPort the first port tried (the next free one is taken)
     * @return the running server
     * @throws IllegalStateException if MariaDB's programs are missing or the server does not start
     */
    public static LocalMariaDb start(String name, int preferredPort) {
        for (String program : List.of("/usr/bin/mariadb-install-db", "/usr/sbin/mariadbd")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IllegalStateException("The fault tests need " + program + " (package mariadb-server)");
            }
        }
        Path base = Path.of("target", "fault-db", name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        LocalMariaDb db = new LocalMariaDb(base, Commands.freePort(preferredPort));
        Runtime.getRuntime().addShutdownHook(db.cleanup);
        try {
            db.init();
            db.startServer();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private void init() {
        try {
            Files.createDirectories(base);
            Files.writeString(log.toPath(), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + base + ": " + e, e);
        }
        Commands.run(log, List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + data,
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                "--skip-test-db"));
    }

    /** Starts the stopped server and waits (60 s at most) until it takes connections. */
    public synchronized void startServer() {
        try {
            String user = System.getProperty("user.name");
            server = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--user=" + user, "--datadir=" + data,
                    "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + base.resolve("mysqld.sock"), "--pid-file=" + base.resolve("mysqld.pid"),
                    "--innodb-buffer-pool-size=64M", "--skip-log-bin", "--max-connections=200")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start mariadbd: " + e, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "")) {
                return;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mariadbd did not start on port " + port + ": " + e + "\n"
                            + logTail());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while mariadbd started", e);
            }
        }
    }

    /** Shuts the server down cleanly (SIGTERM: its sessions are ended) and starts it again. */
    public synchronized void restart() {
        stop(false);
        startServer();
    }

    /**
     * Stops the server.
     *
     * @param kill true for SIGKILL (a crash: recovery at the next start), false for a clean shutdown
     */
    public synchronized void stop(boolean kill) {
        if (server == null) {
            return;
        }
        if (kill) {
            server.destroyForcibly();
        } else {
            server.destroy();
        }
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /**
     * @param database a database of this server, or "" for none
     * @return its JDBC URL (user {@code root}, no password)
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** @return the port it listens on (127.0.0.1) */
    public int port() {
        return port;
    }

    /**
     * Creates a database.
     *
     * @param name its name
     * @return its JDBC URL
     */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    /** @return the server's log so far, last lines */
    public String logTail() {
        return Commands.tail(log);
    }

    private synchronized void stopAndDelete() {
        stop(true);
        Commands.deleteTree(base);
    }

    /** Kills the server and deletes its files. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}

package dev.ferry.runtime.testing.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server of the tests' own, made with the machine's {@code initdb} under
 * {@code target/fault-db/} on a free port (trust authentication, user {@code postgres}), that a test
 * may restart and stop: the machine's server on 5432 is never touched. When the JVM runs as root
 * (PostgreSQL refuses to), the server runs as the {@code postgres} user. {@link #close()} stops it
 * and deletes its files; a shutdown hook does the same if the test JVM ends first.
 */
public final class LocalPostgresCluster implements AutoCloseable {

    private final Path base;
    private final Path data;
    private final File log;
    private final Path binaries;
    /** Where Linux's default range of ports for outgoing connections begins. */
    static final int FIRST_EPHEMERAL_PORT = 32768;

    private final int port;
    private final Map<String, String> settings;
    private final Thread cleanup;
    private boolean running;

    private LocalPostgresCluster(Path base, Path binaries, int port, Map<String, String> settings) {
        this.base = base;
        this.data = base.resolve("data");
        this.log = base.resolve("server.log").toFile();
        this.binaries = binaries;
        this.port = port;
        this.settings = Map.copyOf(settings);
        this.cleanup = new Thread(this::stopAndDelete, "stop-" + base.getFileName());
    }

    /**
     * Makes and starts a server.
     *
     * @param name names its directory
     * @param preferredPort the first port tried (the next free one is taken)
     * @return the running server
     * @throws IllegalStateException if PostgreSQL's programs are missing or the server does not start
     */
    public static LocalPostgresCluster start(String name, int preferredPort) {
        return start(name, preferredPort, Map.of());
    }

    /**
     * Makes and starts a server with settings of its own in {@code postgresql.conf}, such as
     * {@code max_prepared_transactions} for two-phase commit (0 by default, which refuses {@code PREPARE TRANSACTION}).
     *
     * @param name names its directory
     * @param preferredPort the first port tried (the next free one is taken), below 32768
     * @param settings server settings, name to value as {@code postgresql.conf} writes it ({@code "10"},
     *     {@code "'on'"}); names are letters, digits and '_'
     * @return the running server
     * @throws IllegalStateException if PostgreSQL's programs are missing or the server does not start
     * @throws IllegalArgumentException if a setting's name or value would break the file, or the port is in
     *     the ephemeral range
     */
    public static LocalPostgresCluster start(String name, int preferredPort, Map<String, String> settings) {
        if (preferredPort >= FIRST_EPHEMERAL_PORT) {
            // A client that keeps connecting to a stopped server's port in that range can be given the
            // same port as its own, connect to itself and hold the port, so the server cannot start again.
            throw new IllegalArgumentException("Port " + preferredPort + " is in Linux's ephemeral range (from "
                    + FIRST_EPHEMERAL_PORT + "): take one below it");
        }
        settings.forEach((k, v) -> {
            if (!k.matches("[a-z_][a-z0-9_.]*") || v.contains("\n") || v.contains("#")) {
                throw new IllegalArgumentException("Not a postgresql.conf setting: " + k + " = " + v);
            }
        });
        Path binaries = binaries();
        Path base = Path.of("target", "fault-db", name + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath();
        LocalPostgresCluster cluster = new LocalPostgresCluster(base, binaries, Commands.freePort(preferredPort),
                settings);
        Runtime.getRuntime().addShutdownHook(cluster.cleanup);
        try {
            cluster.init();
            cluster.startServer();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Path binaries() {
        String env = System.getenv("FERRY_TEST_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new IllegalStateException("The fault tests need PostgreSQL's initdb and pg_ctl (package"
                    + " postgresql, /usr/lib/postgresql/*/bin) or FERRY_TEST_PG_BIN: " + e, e);
        }
    }

    private void init() {
        try {
            Files.createDirectories(base);
            Files.writeString(log.toPath(), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + base + ": " + e, e);
        }
        if (Commands.runningAsRoot()) {
            Commands.run(log, List.of("chown", "-R", "postgres", base.toString()));
        }
        Commands.run(log, Commands.as("postgres", List.of(binaries.resolve("initdb").toString(), "-D",
                data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")));
        String conf = "\nport = " + port + "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                + "max_connections = 100\nshared_buffers = 32MB\n";
        StringBuilder own = new StringBuilder(conf);
        settings.forEach((k, v) -> own.append(k).append(" = ").append(v).append('\n'));
        try {
            Files.writeString(data.resolve("postgresql.conf"), own.toString(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot configure " + data + ": " + e, e);
        }
    }

    /** Starts the stopped server and waits until it takes connections. */
    public synchronized void startServer() {
        pgCtl("start", "-w", "-t", "60", "-l", log.toString());
        running = true;
    }

    /** {@code pg_ctl restart -m fast}: every session is ended, the server shuts down cleanly and starts again. */
    public synchronized void restart() {
        pgCtl("restart", "-m", "fast", "-w", "-t", "60", "-l", log.toString());
        running = true;
    }

    /**
     * Stops the server: {@code immediate} is a crash (no checkpoint, recovery at the next start),
     * {@code fast} ends the sessions and shuts down cleanly.
     *
     * @param mode {@code fast} or {@code immediate}
     */
    public synchronized void stop(String mode) {
        pgCtl("stop", "-m", mode, "-w", "-t", "60");
        running = false;
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        Commands.run(log, Commands.as("postgres", command));
    }

    /** @return the port it listens on (127.0.0.1) */
    public int port() {
        return port;
    }

    /**
     * @param database a database of this server
     * @return its JDBC URL (user {@code postgres}, no password)
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the user, {@code postgres} */
    public String user() {
        return "postgres";
    }

    /**
     * Creates a database.
     *
     * @param name its name
     * @return its JDBC URL
     */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
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
        if (running) {
            try {
                stop("immediate");
            } catch (RuntimeException e) {
                System.err.println("Cannot stop the PostgreSQL of " + base + ": " + e.getMessage());
            }
        }
        Commands.deleteTree(base);
    }

    /** Stops the server at once and deletes its files. */
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

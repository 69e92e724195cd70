package dev.ferry.bench;

import dev.ferry.runtime.testing.fault.LocalPostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bench's own PostgreSQL server ({@code -Dbench.cluster=own}): the tests' throwaway server
 * ({@link LocalPostgresCluster}, the machine's {@code initdb} and {@code pg_ctl}, under
 * {@code target/fault-db/} of the working directory, from port {@value #PORT} on) with logical
 * decoding on, which Debezium needs, and otherwise the machine server's settings that the figures
 * depend on: durable commits, the same shared buffers and WAL sizes, autovacuum off (the loads
 * vacuum their tables themselves). The machine's server is left alone. {@link #close()} stops the
 * server and deletes its files; a shutdown hook does the same if the JVM ends first.
 */
final class OwnCluster implements AutoCloseable {

    static final int PORT = 25433;

    /** What this server runs with, beyond {@link LocalPostgresCluster}'s own (port, trust, 127.0.0.1). */
    static final Map<String, String> SETTINGS = settings();

    private final LocalPostgresCluster server;

    private OwnCluster(LocalPostgresCluster server) {
        this.server = server;
    }

    /**
     * Makes and starts the server.
     *
     * @return the running server
     * @throws IllegalStateException if PostgreSQL's programs are missing or the server does not start
     */
    static OwnCluster start() {
        return new OwnCluster(LocalPostgresCluster.start("pg-bench", PORT, SETTINGS));
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("wal_level", "logical");
        s.put("max_replication_slots", "4");
        s.put("max_wal_senders", "4");
        s.put("fsync", "on");
        s.put("synchronous_commit", "on");
        s.put("autovacuum", "off");
        s.put("shared_buffers", "'128MB'");
        s.put("max_wal_size", "'1GB'");
        s.put("min_wal_size", "'80MB'");
        s.put("max_connections", "100");
        s.put("timezone", "'UTC'");
        return Map.copyOf(s);
    }

    /** @return the JDBC URL of its {@code postgres} database */
    String jdbcUrl() {
        return server.jdbcUrl("postgres");
    }

    /** @return its superuser, {@code postgres}, trusted without a password */
    String user() {
        return server.user();
    }

    /** @return the settings the figures depend on, as the running server reports them */
    String describe() throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), user(), "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN ('wal_level',"
                     + " 'fsync', 'synchronous_commit', 'autovacuum', 'shared_buffers', 'max_wal_size',"
                     + " 'max_replication_slots', 'server_version') ORDER BY name")) {
            while (rs.next()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(rs.getString(1)).append('=').append(rs.getString(2));
                if (rs.getString(3) != null) {
                    sb.append(' ').append(rs.getString(3));
                }
            }
        }
        return sb.toString();
    }

    /** Stops the server at once and deletes its files. */
    @Override
    public void close() {
        server.close();
    }
}

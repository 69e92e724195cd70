package dev.ferry.bench;

import dev.ferry.runtime.sql.SqlIdentifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills an empty Ferry outbox table on MariaDB with due messages, the same rows
 * {@link Db#loadFerryOutbox} writes on PostgreSQL: inserted from the {@code seq_0_to_N} sequence
 * tables in chunks of 100,000 (one transaction each), then {@code ANALYZE TABLE}, then a wait while
 * InnoDB writes the load's dirty pages, until their count stops falling, so that few are written
 * during the drain measured next. MariaDB has no {@code CHECKPOINT} statement and the server's
 * settings are left alone: with them InnoDB flushes little when idle, so some of the load's pages
 * are still written during the drain, in the raw drain and in Ferry's alike.
 */
final class MariaDbLoad {

    private static final int CHUNK = 100_000;
    private static final long FLUSH_WAIT_NANOS = 30_000_000_000L;

    private final Db db;

    MariaDbLoad(Db db) {
        this.db = db;
    }

    /** @return seconds taken */
    double load(String schema, String table, int n, int keys) throws SQLException, InterruptedException {
        SqlIdentifier.require("schema", schema);
        SqlIdentifier.require("table", table);
        long t0 = System.nanoTime();
        String payload = payloadSql("g.seq", db.options().payloadBytes());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK) - 1;
                st.execute("INSERT INTO " + schema + "." + table
                        + " (id, topic, msg_key, msg_type, content_type, payload, headers,"
                        + " status, attempts, created_at, available_at)"
                        + " SELECT UUID(), 'orders', CONCAT('key-', g.seq % " + keys + "), 'OrderPlaced',"
                        + " 'application/json', CAST(" + payload + " AS BINARY), NULL, 'PENDING', 0, t.ts, t.ts"
                        + " FROM seq_" + from + "_to_" + to + " g,"
                        + " (SELECT UTC_TIMESTAMP(6) - INTERVAL 1 SECOND AS ts) t ORDER BY g.seq");
            }
            st.execute("ANALYZE TABLE " + schema + "." + table);
            awaitFlushed(st);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The SQL expression of the payload {@link Db#payload(long, int)} makes, for row {@code g}. */
    static String payloadSql(String g, int bytes) {
        int pad = Math.max(0, bytes - 80);
        return "CONCAT('{\"orderId\":\"', LPAD(" + g + ", 10, '0'), '\",\"customer\":\"customer-', LPAD(" + g
                + " % 1000, 4, '0'), '\",\"totalCents\":\"', LPAD(" + g + " % 100000, 6, '0'), '\",\"note\":\""
                + "x".repeat(pad) + "\"}')";
    }

    /** Waits while InnoDB's dirty pages fall (sampled each second), at most 30 s. */
    private static void awaitFlushed(Statement st) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + FLUSH_WAIT_NANOS;
        long before = Long.MAX_VALUE;
        long dirty = dirtyPages(st);
        while (dirty > 0 && dirty < before && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            before = dirty;
            dirty = dirtyPages(st);
        }
    }

    private static long dirtyPages(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }
}

package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 3's bound for the relay's cost under a steady stream (PostgreSQL): the cheapest relay there
 * can be, beside the writers. One connection in auto-commit repeats one statement that claims, reads
 * and deletes a batch of the oldest rows ({@code DELETE … WHERE seq IN (SELECT … ORDER BY seq LIMIT n
 * FOR UPDATE SKIP LOCKED) RETURNING} the columns Ferry's relay reads), and pauses as Ferry's relay does
 * after a batch smaller than a full one. It keeps no per-key order, has no head test, no attempts, no
 * wake-ups and no telemetry, and deletes before "publishing" (at most once): whatever it costs the
 * writers, any relay that publishes what they commit costs at least that.
 */
final class RawStreamDrain implements AutoCloseable {

    private final Connection connection;
    private final Thread thread;
    private final AtomicLong deleted = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * Starts draining.
     *
     * @param db the bench's database
     * @param table the outbox table, qualified
     * @param batch rows per statement, as the relay's batch size
     * @param pauseMillis the pause after a batch smaller than {@code batch}, as the relay's {@code smallBatchPause}
     */
    RawStreamDrain(Db db, String table, int batch, long pauseMillis) throws Exception {
        this.connection = db.connect();
        String sql = "DELETE FROM " + table + " WHERE seq IN (SELECT seq FROM " + table + " ORDER BY seq LIMIT "
                + batch + " FOR UPDATE SKIP LOCKED) RETURNING seq, id, topic, msg_key, msg_type, content_type, payload,"
                + " headers, created_at, attempts";
        long pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
        this.thread = new Thread(() -> drain(sql, batch, pauseNanos), "raw-stream-drain");
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(String sql, int batch, long pauseNanos) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            while (running) {
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getString(4);
                        rs.getString(5);
                        rs.getString(6);
                        rs.getBytes(7);
                        rs.getString(8);
                        rs.getTimestamp(9);
                        rs.getInt(10);
                        n++;
                    }
                }
                deleted.addAndGet(n);
                if (n < batch) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** @return rows deleted so far; all it deleted once {@link #close} returned */
    long deleted() {
        return deleted.get();
    }

    /** Stops draining; fails if the drain failed. */
    @Override
    public void close() throws SQLException {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the raw drain", e);
        } finally {
            connection.close();
        }
        if (failure != null) {
            throw new IllegalStateException("The raw drain failed", failure);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("The raw drain did not stop within 30 s");
        }
    }
}

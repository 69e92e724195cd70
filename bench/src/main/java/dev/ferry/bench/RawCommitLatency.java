package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The reference beside figure 2 on MariaDB: the latency of the database's own commits at the
 * figure's rates, with the figure's 8 writers on a schedule (open loop), each writing one row of
 * the message's size in an auto-commit {@code INSERT} on a plain connection, no JTA and no relay.
 * Ferry's commit-to-publish latency includes such a commit, so this is its floor on the machine.
 */
final class RawCommitLatency {

    private static final String SCHEMA = "bench_raw_latency";

    private final Db db;

    RawCommitLatency(Db db) {
        this.db = db;
    }

    void run(ResultTable table) throws Exception {
        for (int rate : new int[] {1_000, 5_000}) {
            db.freshSchema(SCHEMA);
            db.execute("CREATE TABLE " + SCHEMA + ".raw_message (" + db.options().database().identityKey() + ","
                    + " id CHAR(36) NOT NULL, msg_key VARCHAR(255), payload LONGBLOB)");
            CommitLatency.Result r = measure(rate, db.options().latencySeconds());
            db.dropSchema(SCHEMA);
            String at = String.format(Locale.ROOT, "2. (reference) raw single-row commit latency @ %,d/s", rate);
            table.add(Figure.info(at + String.format(Locale.ROOT, " p50 (achieved %,.0f/s)", r.achievedRate()),
                    Figure.millis(r.p50()), null));
            table.add(Figure.info(at + " p99", Figure.millis(r.p99()), null));
        }
    }

    private CommitLatency.Result measure(int rate, int seconds) throws Exception {
        int writers = SteadyWriters.WRITERS;
        Recorder recorder = new Recorder(3);
        byte[] payload = Db.payload(42, db.options().payloadBytes()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long warmupNanos = 3_000_000_000L;
        long totalNanos = warmupNanos + seconds * 1_000_000_000L;
        long intervalNanos = 1_000_000_000L * writers / rate;
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        Workers w = Workers.start("raw-latency-writer", writers, (writer, failed) -> {
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA
                    + ".raw_message (id, msg_key, payload) VALUES (?, ?, ?)")) {
                long next = start + writer * intervalNanos / writers;
                long i = 0;
                while (next - start < totalNanos && !failed.getAsBoolean()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    ps.setString(1, java.util.UUID.randomUUID().toString());
                    ps.setString(2, "key-" + writer + "-" + (i % 1250));
                    ps.setBytes(3, payload);
                    long t0 = System.nanoTime();
                    ps.executeUpdate();
                    recorder.recordValue(Math.max(0, System.nanoTime() - t0));
                    if (next - start >= warmupNanos) {
                        written.incrementAndGet();
                    }
                    i++;
                    next += intervalNanos;
                }
            }
        });
        Thread.sleep(Math.max(0, (start + warmupNanos - System.nanoTime()) / 1_000_000));
        recorder.getIntervalHistogram();
        long measuredFrom = System.nanoTime();
        w.join();
        double measuredSeconds = (System.nanoTime() - measuredFrom) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        CommitLatency.Result r = CommitLatency.Result.of(written.get() / measuredSeconds, h);
        System.out.printf(Locale.ROOT, "  raw single-row commits, target %,d/s: achieved %,.0f/s, p50 %.2f ms,"
                + " p99 %.2f ms, p99.9 %.2f ms%n", rate, r.achievedRate(), r.p50(), r.p99(), r.p999());
        return r;
    }
}

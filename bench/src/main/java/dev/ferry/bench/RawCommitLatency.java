package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
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
        OpenLoopWriters.Window window = OpenLoopWriters.run("raw-latency-writer", writers, rate,
                SteadyWriters.WARMUP_NANOS, seconds * 1_000_000_000L, recorder, writer -> {
                    Connection c = db.connect();
                    PreparedStatement ps;
                    try {
                        ps = c.prepareStatement("INSERT INTO " + SCHEMA
                                + ".raw_message (id, msg_key, payload) VALUES (?, ?, ?)");
                    } catch (SQLException e) {
                        c.close();
                        throw e;
                    }
                    return new OpenLoopWriters.Writer() {
                        @Override
                        public void write(long i) throws Exception {
                            ps.setString(1, java.util.UUID.randomUUID().toString());
                            ps.setString(2, "key-" + writer + "-" + (i % 1250));
                            ps.setBytes(3, payload);
                            long t0 = System.nanoTime();
                            ps.executeUpdate();
                            recorder.recordValue(Math.max(0, System.nanoTime() - t0));
                        }

                        @Override
                        public void close() throws SQLException {
                            try (c; ps) {
                                // closes the statement, then the connection
                            }
                        }
                    };
                });
        Histogram h = recorder.getIntervalHistogram();
        CommitLatency.Result r = CommitLatency.Result.of(window.rate(), h);
        System.out.printf(Locale.ROOT, "  raw single-row commits, target %,d/s: achieved %,.0f/s, p50 %.2f ms,"
                + " p99 %.2f ms, p99.9 %.2f ms%n", rate, r.achievedRate(), r.p50(), r.p99(), r.p999());
        return r;
    }
}

package dev.ferry.bench;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.wake.WakeChannel;
import jakarta.transaction.UserTransaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Figure 8: commit-to-publish latency across JVMs. 8 threads in this JVM write one message per JTA
 * transaction at a steady 1,000/s through an engine that runs no relay (it only writes); the relay
 * runs in a child JVM ({@link CrossNodeLatencyChild}) with Ferry's defaults (1 thread, batch 200,
 * poll 1 s). The clock starts just before {@code commit()}, as in figure 2, and stops when the
 * child's in-process publisher receives the message: both read {@code System.nanoTime()}, which on
 * Linux is the machine's monotonic clock, the same in every process. The reference row is the same
 * run with cross-node wake-ups off, where only the relay's poll finds the messages once the relay
 * has gone idle. The bound row runs the relay in the writers' JVM, woken after each commit (figure
 * 2's set-up): a wake-up from another JVM cannot beat it. Each variant has its own schema, writers'
 * engine and relay, all started beforehand. After a discarded round of 5 s each (the relay JVM's
 * compiler, too, has to see the work), the variants take turns in rounds off, on, local, local, on,
 * off of half of {@code bench.latencySeconds} each (after 1.5 s of warm-up per round), so that the
 * load of a shared machine hits them alike.
 */
final class CrossNodeLatency {

    static final String SCHEMA = "bench_crossnode";
    private static final int RATE = 1_000;
    private static final int WRITERS = 8;
    /** Seconds of each variant's first, discarded, round. */
    private static final int WARMUP_ROUND_SECONDS = 5;
    /** Each round's warm-up, whose latencies are discarded. */
    private static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

    private final Db db;
    private final JavaSeEnvironment env;

    CrossNodeLatency(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        int seconds = db.options().latencySeconds();
        try (Variant poll = new Variant(Mode.POLL); Variant woken = new Variant(Mode.NOTIFY);
             Variant local = new Variant(Mode.LOCAL)) {
            // A discarded round each, so that both JVMs' compilers have seen the work, then ABC-CBA
            // rounds, so that the load of a shared machine hits every variant alike.
            for (Variant v : List.of(poll, woken, local)) {
                v.warmUp();
            }
            int half = Math.max(1, seconds / 2);
            for (Variant v : List.of(poll, woken, local, local, woken, poll)) {
                v.round(half);
            }
            CommitLatency.Result off = poll.result();
            CommitLatency.Result on = woken.result();
            CommitLatency.Result bound = local.result();
            String at = String.format(Locale.ROOT, "8. cross-node latency @ %,d/s", RATE);
            table.add(Figure.info(at + ", wake-ups off (poll 1 s) p50" + achieved(off), Figure.millis(off.p50()),
                    null));
            table.add(Figure.info(at + ", wake-ups off (poll 1 s) p99", Figure.millis(off.p99()), null));
            table.add(Figure.info(at + ", LISTEN/NOTIFY p50" + achieved(on), Figure.millis(on.p50()), null));
            table.add(new Figure(at + ", LISTEN/NOTIFY p99", Figure.millis(on.p99()), on.p99() / off.p99(),
                    "≤ 20 ms", on.p99() <= 20.0));
            table.add(Figure.info(at + ", LISTEN/NOTIFY p99.9", Figure.millis(on.p999()), null));
            table.add(Figure.info(at + ", (bound) relay in the writers' JVM, woken after commit: p50 / p99"
                    + achieved(bound), Figure.millis(bound.p50()) + " / " + Figure.millis(bound.p99()),
                    on.p99() / bound.p99()));
        }
    }

    /** Where the relay runs, and how it learns of the messages. */
    private enum Mode {
        /** In the child JVM, cross-node wake-ups off: its poll finds them. */
        POLL,
        /** In the child JVM, woken through LISTEN/NOTIFY. */
        NOTIFY,
        /** In this JVM, woken after each commit (figure 2's set-up): the bound of a cross-node wake-up. */
        LOCAL
    }

    private static String achieved(CommitLatency.Result r) {
        return String.format(Locale.ROOT, " (achieved %,.0f/s)", r.achievedRate());
    }

    /** One variant: its own schema, a writers' engine here and its relay, both alive through all rounds. */
    private final class Variant implements AutoCloseable {
        private final Mode mode;
        private final String schema;
        private final OutboxEngine writerEngine;
        private final Process child;
        private final Thread reader;
        private final Map<UUID, Long> committing = new ConcurrentHashMap<>();
        private final Recorder recorder = new Recorder(3);
        private final Histogram latencies = new Histogram(3);
        private final CountDownLatch ready = new CountDownLatch(1);
        private long written;
        private long measuredNanos;

        Variant(Mode mode) throws Exception {
            this.mode = mode;
            boolean wakeUps = mode == Mode.NOTIFY;
            this.schema = SCHEMA + "_" + mode.name().toLowerCase(Locale.ROOT);
            db.freshSchema(schema);
            OutboxEngine.Builder writer = OutboxEngine.builder().environment(env)
                    .settings(OutboxSettings.builder().schema(schema).crossNodeWakeUps(wakeUps).build())
                    .createTables(true);
            if (mode == Mode.LOCAL) {
                writerEngine = writer.publisher(new InProcessPublisher(m -> {
                    Long t0 = committing.remove(m.id());
                    if (t0 != null) {
                        recorder.recordValue(Math.max(0, System.nanoTime() - t0));
                    }
                })).build().start();
                child = null;
                reader = null;
                return;
            }
            writerEngine = writer.build();
            child = startChild(db.options(), schema, wakeUps);
            reader = new Thread(() -> readChild(child, committing, recorder, ready), "crossnode-reader");
            reader.setDaemon(true);
            reader.start();
            if (!ready.await(60, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("the relay JVM did not start within 60 s");
            }
            if (wakeUps) {
                awaitListener(schema);
            }
        }

        /** A round whose latencies are discarded. */
        void warmUp() throws Exception {
            round(WARMUP_ROUND_SECONDS, false);
        }

        /** Writes for a warm-up (discarded) and {@code seconds} measured, then waits for every message. */
        void round(int seconds) throws Exception {
            round(seconds, true);
        }

        private void round(int seconds, boolean measured) throws Exception {
            long[] counts = writeSteadily(writerEngine, committing, recorder, seconds);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!committing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (!committing.isEmpty()) {
                throw new IllegalStateException(committing.size() + " messages were not published within 30 s");
            }
            Histogram h = recorder.getIntervalHistogram();
            if (measured) {
                written += counts[0];
                measuredNanos += counts[1];
                latencies.add(h);
            }
            System.out.printf(Locale.ROOT, "  %-6s %s: achieved %,.0f/s, %,d latencies: p50 %.2f ms,"
                    + " p99 %.2f ms, max %.2f ms%n", mode.name().toLowerCase(Locale.ROOT),
                    measured ? "round" : "warm-up", counts[0] / (counts[1] / 1e9), h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
        }

        CommitLatency.Result result() {
            return CommitLatency.Result.of(written / (measuredNanos / 1e9), latencies);
        }

        @Override
        public void close() throws IOException, SQLException {
            try {
                if (child == null) {
                    return;
                }
                child.getOutputStream().close();
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.destroyForcibly();
            } finally {
                writerEngine.close();
                db.dropSchema(schema);
            }
        }
    }

    /** @return messages written in the measured window, and the window's length in nanoseconds */
    private long[] writeSteadily(OutboxEngine engine, Map<UUID, Long> committing, Recorder recorder, int seconds)
            throws Exception {
        UserTransaction ut = env.userTransaction();
        String payload = Db.payload(42, db.options().payloadBytes());
        OpenLoopWriters.Window window = OpenLoopWriters.run("crossnode-writer", WRITERS, RATE, WARMUP_NANOS,
                TimeUnit.SECONDS.toNanos(seconds), recorder, writer -> i -> {
                    ut.begin();
                    UUID id = engine.outbox().publish(OutboxMessage.builder("orders")
                            .key("key-" + writer + "-" + (i % 1250)).type("OrderPlaced").jsonPayload(payload).build());
                    committing.put(id, System.nanoTime());
                    ut.commit();
                });
        return new long[] {window.written(), window.nanos()};
    }

    /** Waits until the relay JVM's listener is connected, as its {@code LISTEN} shows in {@code pg_stat_activity}. */
    private void awaitListener(String schema) throws Exception {
        String channel = WakeChannel.of(new TableName(schema, "ferry_outbox")).name();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT COUNT(*) FROM pg_stat_activity WHERE query = 'LISTEN " + channel + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay JVM does not listen on " + channel + " after 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static Process startChild(BenchOptions o, String schema, boolean wakeUps) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(RelayMemory.classpath());
        cmd.add(CrossNodeLatencyChild.class.getName());
        cmd.addAll(List.of(o.jdbcUrl(), o.user(), o.password() == null ? "-" : o.password(), schema,
                Boolean.toString(wakeUps)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void readChild(Process child, Map<UUID, Long> committing, Recorder recorder,
                                  CountDownLatch ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("P ")) {
                    int space = line.indexOf(' ', 2);
                    UUID id = UUID.fromString(line.substring(2, space));
                    long received = Long.parseLong(line.substring(space + 1));
                    Long t0 = committing.remove(id);
                    if (t0 != null) {
                        recorder.recordValue(Math.max(0, received - t0));
                    }
                } else if (line.equals("READY")) {
                    ready.countDown();
                } else {
                    System.out.println("  [relay JVM] " + line);
                }
            }
        } catch (Exception e) {
            System.out.println("  [relay JVM] output lost: " + e);
        }
    }
}

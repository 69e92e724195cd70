package dev.ferry.bench;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Figure 2: commit-to-publish latency at a steady rate written by 8 threads, each message in its
 * own JTA transaction ({@link SteadyWriters}). The clock starts just before {@code commit()} is
 * called (so the commit's own round trip counts against Ferry) and stops when the in-process
 * publisher hands the message to the listener. The relay runs with Ferry's default settings (1
 * thread, batch 200, poll 1 s): the after-commit wake-up, not the poll, has to make the figure.
 * Where the database decodes its WAL logically, Debezium's outbox ({@link DebeziumOutbox}) is
 * measured the same way at 1,000/s, with its default {@code poll.interval.ms} and with it tuned
 * down ({@link #DEBEZIUM_POLL_INTERVALS_MS}); Ferry's 1,000/s and Debezium's variants then alternate
 * in two rounds, and Ferry's p99 is compared with Debezium's best.
 */
final class CommitLatency {

    /** Debezium's {@code poll.interval.ms}: null for its default (500 ms), then tuned down. */
    static final List<Long> DEBEZIUM_POLL_INTERVALS_MS = Arrays.asList(null, 10L, 1L);
    static final int PEER_RATE = 1_000;
    /** At most this many discarded rounds of Ferry and Debezium (about 12 s each) before the measured ones. */
    static final int WARMUP_ROUNDS = 5;

    private final Db db;
    private final JavaSeEnvironment env;

    CommitLatency(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        int seconds = db.options().latencySeconds();
        String debeziumMissing = DebeziumOutbox.unavailable(db);
        Result ferry;
        List<Result> debezium = new ArrayList<>();
        String rounds = "";
        if (debeziumMissing == null) {
            List<Result> pooled = alternating(seconds);
            ferry = pooled.get(0);
            debezium.addAll(pooled.subList(1, pooled.size()));
            rounds = String.format(Locale.ROOT, ", 2 × %d s alternating with Debezium", half(seconds));
        } else {
            ferry = measure("bench_latency", PEER_RATE, seconds);
        }
        String at = String.format(Locale.ROOT, "2. latency @ %,d/s", PEER_RATE);
        table.add(new Figure(at + String.format(Locale.ROOT, " p50 (achieved %,.0f/s%s)", ferry.achievedRate, rounds),
                Figure.millis(ferry.p50), null, "≤ 5 ms", ferry.p50 <= 5.0));
        table.add(new Figure(at + " p99", Figure.millis(ferry.p99), null, "≤ 50 ms", ferry.p99 <= 50.0));
        table.add(Figure.info(at + " p99.9", Figure.millis(ferry.p999), null));

        Result r = measure("bench_latency", 5_000, seconds);
        at = String.format(Locale.ROOT, "2. latency @ %,d/s", 5_000);
        table.add(Figure.info(at + String.format(Locale.ROOT, " p50 (achieved %,.0f/s)", r.achievedRate),
                Figure.millis(r.p50), null));
        table.add(Figure.info(at + " p99", Figure.millis(r.p99), null));
        table.add(Figure.info(at + " p99.9", Figure.millis(r.p999), null));

        if (debeziumMissing != null) {
            System.out.println("  Debezium not run: " + debeziumMissing);
            table.add(Figure.info("2. Debezium " + DebeziumOutbox.VERSION + ": not run, " + debeziumMissing, "",
                    null));
            return;
        }
        Result best = null;
        String bestName = null;
        for (int i = 0; i < debezium.size(); i++) {
            Long poll = DEBEZIUM_POLL_INTERVALS_MS.get(i);
            Result d = debezium.get(i);
            String pollText = poll == null ? DebeziumOutbox.DEFAULT_POLL_INTERVAL_MS + " (default)" : poll.toString();
            String name = String.format(Locale.ROOT, "2. Debezium %s outbox router @ %,d/s, poll.interval.ms %s",
                    DebeziumOutbox.VERSION, PEER_RATE, pollText);
            table.add(Figure.info(name + String.format(Locale.ROOT, " p50 (achieved %,.0f/s)", d.achievedRate),
                    Figure.millis(d.p50), null));
            table.add(Figure.info(name + " p99", Figure.millis(d.p99), null));
            if (best == null || d.p99 < best.p99) {
                best = d;
                bestName = pollText;
            }
        }
        double ratio = ferry.p99 / best.p99;
        table.add(new Figure(String.format(Locale.ROOT, "2. Ferry p99 @ %,d/s ÷ Debezium's best p99 (poll.interval.ms"
                        + " %s)", PEER_RATE, bestName), Figure.millis(ferry.p99) + " vs " + Figure.millis(best.p99),
                ratio, "< 1 (Ferry's p99 below Debezium's best)", ratio < 1.0));
    }

    private static int half(int seconds) {
        return Math.max(1, (seconds + 1) / 2);
    }

    /**
     * Ferry and Debezium with each poll interval at {@value #PEER_RATE}/s, alternating in two rounds
     * of half the seconds each, the second in reverse order, so that a change in the machine's load
     * hits all of them alike; each one's latencies of both rounds pooled. Short rounds of Ferry and
     * of Debezium (shortest poll interval) run first and are discarded, until the compiler settles
     * (at most {@value #WARMUP_ROUNDS}).
     *
     * @return Ferry's result, then Debezium's in the order of {@link #DEBEZIUM_POLL_INTERVALS_MS}
     */
    private List<Result> alternating(int seconds) throws Exception {
        int variants = DEBEZIUM_POLL_INTERVALS_MS.size() + 1;
        // Discarded rounds of each first, until the compiler settles: otherwise the first measured rounds run
        // with cold code, and the compiler's threads take CPU from them on two cores.
        Warmup.untilCompilerSettles("Ferry and Debezium", WARMUP_ROUNDS, () -> {
            measure("bench_latency", PEER_RATE, 1);
            measureDebezium("bench_latency_debezium", PEER_RATE, 1,
                    DEBEZIUM_POLL_INTERVALS_MS.get(DEBEZIUM_POLL_INTERVALS_MS.size() - 1));
        });
        System.out.println("  measured rounds:");
        Histogram[] pooled = new Histogram[variants];
        double[] achieved = new double[variants];
        long[] jvmCpuNanos = new long[variants];
        long[] wallNanos = new long[variants];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < variants; k++) {
                int v = round == 0 ? k : variants - 1 - k;
                CpuMeter.Reading before = CpuMeter.read();
                long t0 = System.nanoTime();
                Result r = v == 0 ? measure("bench_latency", PEER_RATE, half(seconds))
                        : measureDebezium("bench_latency_debezium", PEER_RATE, half(seconds),
                                DEBEZIUM_POLL_INTERVALS_MS.get(v - 1));
                wallNanos[v] += System.nanoTime() - t0;
                jvmCpuNanos[v] += CpuMeter.read().minus(before).jvmNanos();
                if (pooled[v] == null) {
                    pooled[v] = new Histogram(3);
                }
                pooled[v].add(r.histogram);
                achieved[v] += r.achievedRate / 2;
            }
        }
        List<Result> results = new ArrayList<>();
        StringBuilder cpu = new StringBuilder("  this JVM's CPU in each variant's rounds (writers, engine, setup),"
                + " cores:");
        for (int v = 0; v < variants; v++) {
            results.add(Result.of(achieved[v], pooled[v]));
            cpu.append(String.format(Locale.ROOT, " %s %.2f", v == 0 ? "Ferry" : "Debezium poll "
                    + Objects.requireNonNullElse(DEBEZIUM_POLL_INTERVALS_MS.get(v - 1),
                            DebeziumOutbox.DEFAULT_POLL_INTERVAL_MS) + " ms", (double) jvmCpuNanos[v] / wallNanos[v]));
        }
        System.out.println(cpu);
        return results;
    }

    /**
     * One measurement at one rate.
     *
     * @param achievedRate messages written per second in the measured window
     * @param p50 median latency, ms
     * @param p99 99th percentile, ms
     * @param p999 99.9th percentile, ms
     * @param count latencies recorded
     * @param histogram the latencies, ns
     */
    record Result(double achievedRate, double p50, double p99, double p999, long count, Histogram histogram) {

        /** @return the result of the latencies of {@code histogram} at {@code achievedRate} */
        static Result of(double achievedRate, Histogram histogram) {
            return new Result(achievedRate, histogram.getValueAtPercentile(50) / 1e6,
                    histogram.getValueAtPercentile(99) / 1e6, histogram.getValueAtPercentile(99.9) / 1e6,
                    histogram.getTotalCount(), histogram);
        }
    }

    Result measure(String schema, int rate, int seconds) throws Exception {
        return measure(schema, rate, seconds, null);
    }

    /**
     * Measures at {@code rate} messages/s for {@code seconds} (after a 3-second warm-up). With
     * {@code otel} the engine records through it and each writer's transaction runs in a SERVER span
     * of its own, as a traced request's would, so every message carries a trace context and the
     * relay's PRODUCER span continues that trace.
     *
     * @param otel the OpenTelemetry the engine and the writers record through, or null for none
     */
    Result measure(String schema, int rate, int seconds, OpenTelemetry otel) throws Exception {
        db.freshSchema(schema);
        SteadyWriters writers = new SteadyWriters();
        OutboxEngine.Builder builder = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(schema).build())
                .publisher(new InProcessPublisher(m -> writers.delivered(m.id())))
                .createTables(true);
        if (otel != null) {
            builder.openTelemetry(otel);
        }
        Tracer tracer = otel == null ? null : otel.getTracer("ferry-bench");
        OutboxEngine engine = builder.build();
        engine.start();
        String payload = Db.payload(42, db.options().payloadBytes());
        Result r;
        try {
            r = writers.run(env.userTransaction(), rate, seconds, tracer, (writer, i) -> engine.outbox().publish(
                    OutboxMessage.builder("orders").key("key-" + writer + "-" + (i % 1250)).type("OrderPlaced")
                            .jsonPayload(payload).build()));
        } finally {
            engine.close();
        }
        print(otel == null ? "" : "tracing on, ", rate, r);
        db.dropSchema(schema);
        return r;
    }

    /**
     * The same writers and clock with Debezium publishing: each transaction inserts one event into
     * Debezium's outbox table through the same JTA data source, and the clock stops when the engine
     * hands the routed record to the in-process listener.
     *
     * @param pollIntervalMs Debezium's {@code poll.interval.ms}, or null for its default
     */
    Result measureDebezium(String schema, int rate, int seconds, Long pollIntervalMs) throws Exception {
        SteadyWriters writers = new SteadyWriters();
        String payload = Db.payload(42, db.options().payloadBytes());
        Result r;
        try (DebeziumOutbox outbox = DebeziumOutbox.create(db, schema)) {
            outbox.start(pollIntervalMs, writers::delivered);
            outbox.awaitStreaming();
            String sql = outbox.insertSql();
            r = writers.run(env.userTransaction(), rate, seconds, null, (writer, i) -> {
                UUID id = UUID.randomUUID();
                try (Connection c = env.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, id);
                    ps.setString(2, "orders");
                    ps.setString(3, "key-" + writer + "-" + (i % 1250));
                    ps.setString(4, "OrderPlaced");
                    ps.setString(5, payload);
                    ps.executeUpdate();
                }
                return id;
            });
        }
        print("Debezium, poll.interval.ms " + (pollIntervalMs == null ? DebeziumOutbox.DEFAULT_POLL_INTERVAL_MS
                + " (default)" : pollIntervalMs) + ", ", rate, r);
        return r;
    }

    private static void print(String what, int rate, Result r) {
        System.out.printf(Locale.ROOT, "  %starget %,d/s: achieved %,.0f/s, %,d latencies: p50 %.2f ms, p99 %.2f ms,"
                + " p99.9 %.2f ms, max %.2f ms%n", what, rate, r.achievedRate, r.count, r.p50, r.p99, r.p999,
                r.histogram.getMaxValue() / 1e6);
    }
}

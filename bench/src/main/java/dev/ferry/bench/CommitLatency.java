package dev.ferry.bench;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.transaction.UserTransaction;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Figure 2: commit-to-publish latency at a steady rate written by 8 threads, each message in its
 * own JTA transaction. The clock starts just before {@code commit()} is called (so the commit's own
 * round trip counts against Ferry) and stops when the in-process publisher hands the message to
 * the listener. The relay runs with Ferry's default settings (1 thread, batch 200, poll 1 s): the
 * after-commit wake-up, not the poll, has to make the figure.
 */
final class CommitLatency {

    static final int WRITERS = 8;

    private final Db db;
    private final JavaSeEnvironment env;

    CommitLatency(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        for (int rate : new int[] {1_000, 5_000}) {
            Result r = measure("bench_latency", rate, db.options().latencySeconds());
            String at = String.format(Locale.ROOT, "2. latency @ %,d/s", rate);
            String achieved = String.format(Locale.ROOT, " (achieved %,.0f/s)", r.achievedRate);
            if (rate == 1_000) {
                table.add(new Figure(at + " p50" + achieved, Figure.millis(r.p50), null, "≤ 5 ms", r.p50 <= 5.0));
                table.add(new Figure(at + " p99", Figure.millis(r.p99), null, "≤ 50 ms", r.p99 <= 50.0));
                table.add(Figure.info(at + " p99.9", Figure.millis(r.p999), null));
            } else {
                table.add(Figure.info(at + " p50" + achieved, Figure.millis(r.p50), null));
                table.add(Figure.info(at + " p99", Figure.millis(r.p99), null));
                table.add(Figure.info(at + " p99.9", Figure.millis(r.p999), null));
            }
        }
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
        Map<UUID, Long> committing = new ConcurrentHashMap<>();
        Recorder recorder = new Recorder(3);
        OutboxEngine.Builder builder = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(schema).build())
                .publisher(new InProcessPublisher(m -> {
                    Long t0 = committing.remove(m.id());
                    if (t0 != null) {
                        recorder.recordValue(Math.max(0, System.nanoTime() - t0));
                    }
                }))
                .createTables(true);
        if (otel != null) {
            builder.openTelemetry(otel);
        }
        Tracer tracer = otel == null ? null : otel.getTracer("ferry-bench");
        OutboxEngine engine = builder.build();
        engine.start();
        UserTransaction ut = env.userTransaction();
        String payload = Db.payload(42, db.options().payloadBytes());
        long warmupNanos = 3_000_000_000L;
        long totalNanos = warmupNanos + seconds * 1_000_000_000L;
        long intervalNanos = 1_000_000_000L * WRITERS / rate;
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        double measuredSeconds;
        try {
            Workers writers = Workers.start("latency-writer", WRITERS, (writer, failed) -> {
                long next = start + writer * intervalNanos / WRITERS;
                long i = 0;
                while (next - start < totalNanos && !failed.getAsBoolean()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    Span request = tracer == null ? null
                            : tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).startSpan();
                    Scope scope = request == null ? null : request.makeCurrent();
                    try {
                        ut.begin();
                        UUID id = engine.outbox().publish(OutboxMessage.builder("orders")
                                .key("key-" + writer + "-" + (i % 1250)).type("OrderPlaced").jsonPayload(payload)
                                .build());
                        committing.put(id, System.nanoTime());
                        ut.commit();
                    } finally {
                        if (request != null) {
                            scope.close();
                            request.end();
                        }
                    }
                    if (next - start >= warmupNanos) {
                        written.incrementAndGet();
                    }
                    i++;
                    next += intervalNanos;
                }
            });
            // Discard the warm-up's latencies, then keep what the measured window produces.
            Thread.sleep(Math.max(0, (start + warmupNanos - System.nanoTime()) / 1_000_000));
            recorder.getIntervalHistogram();
            long measuredFrom = System.nanoTime();
            writers.join();
            measuredSeconds = (System.nanoTime() - measuredFrom) / 1e9;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!committing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            engine.close();
        }
        if (!committing.isEmpty()) {
            throw new IllegalStateException(committing.size() + " messages were not published within 30 s");
        }
        Histogram h = recorder.getIntervalHistogram();
        Result r = Result.of(written.get() / measuredSeconds, h);
        System.out.printf(Locale.ROOT, "  %starget %,d/s: achieved %,.0f/s, %,d latencies: p50 %.2f ms, p99 %.2f ms,"
                + " p99.9 %.2f ms, max %.2f ms%n", otel == null ? "" : "tracing on, ", rate, r.achievedRate, r.count,
                r.p50, r.p99, r.p999, h.getMaxValue() / 1e6);
        db.dropSchema(schema);
        return r;
    }
}

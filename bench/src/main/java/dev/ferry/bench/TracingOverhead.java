package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Figure 7: figures 1 and 2 again, each with tracing off (no OpenTelemetry given to the engine, as
 * in figures 1 and 2) and on (an OpenTelemetry SDK recording traces and metrics, exported to
 * nowhere), the two variants alternating in rounds so that a change in the machine's load hits both
 * alike. The ratio on ÷ off is what is compared with the target: throughput ≥ 0.90, latency
 * percentiles ≤ 1.10.
 *
 * <p>Tracing on is what an application that traces pays: its requests run in spans, so the messages
 * they write carry a {@code traceparent} (figure 1's backlog is loaded with one per message, figure 2's
 * writers run each transaction in a SERVER span), and the relay starts a PRODUCER span per message
 * under it. Spans go through the SDK's {@link BatchSpanProcessor} (its defaults) to an exporter that
 * drops them; metrics are read every second by a {@link PeriodicMetricReader} whose exporter drops
 * them too, so the observable gauges (the outbox's aggregate query, at most every 5 s) run as they
 * would under a scraper. One SDK serves the whole figure, as an application has one for its life.
 */
final class TracingOverhead {

    /** Rounds of the latency's two variants: each variant runs first in half of them. */
    static final int ROUNDS = 4;
    /**
     * Rounds of the relay's three variants, each draining a sixth of the backlog: each variant runs
     * first, second and third in two rounds each, so neither the drain after a warm-up nor the one
     * after another variant's favours one of them.
     */
    static final int RELAY_ROUNDS = 6;
    static final int LATENCY_RATE = 1_000;
    /** Warm-up rounds of every relay variant before each thread count's rounds, at least. */
    static final int WARMUP_MIN_ROUNDS = 3;
    static final Duration METRIC_INTERVAL = Duration.ofSeconds(1);
    static final double MIN_THROUGHPUT = 0.90;
    static final double MAX_LATENCY = 1.10;
    /** Messages per round of {@link SpanFloor}. */
    static final int FLOOR_MESSAGES = 200_000;

    private final Db db;
    private final Drains drains;
    private final CommitLatency latency;
    /** The figure's one SDK, made in {@link #run}: an application's lives as long as its JVM. */
    private DroppingSdk sdk;

    TracingOverhead(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.drains = new Drains(db, env);
        this.latency = new CommitLatency(db, env);
    }

    void run(ResultTable table) throws Exception {
        // One SDK for every traced variant, as an application has one for its life: an SDK made per
        // drain would start its span processor's and metric reader's threads, and build its metric
        // storage, in each drain measured.
        sdk = new DroppingSdk();
        try {
            relay(table);
            latency(table);
        } finally {
            sdk.close();
        }
    }

    /**
     * Figure 1's Ferry drain, 1 and 2 relay threads, each variant draining a share of the backlog per
     * round: tracing off, tracing on, and a diagnostic third, tracing off on a backlog whose messages
     * carry trace headers (what the stored context alone costs: wider rows, headers read and passed on).
     */
    private void relay(ResultTable table) throws Exception {
        BenchOptions o = db.options();
        int perRound = Math.max(1, o.messages() / RELAY_ROUNDS);
        int warmup = Math.min(perRound, 50_000);
        for (int threads = 1; threads <= 2; threads++) {
            System.out.println("  warm-up (discarded):");
            // Until the JIT compiler settled, the SDK's code included, as figures 3 and 4 warm up: a compiler
            // thread still at work takes a core's share from whichever variant runs beside it. With as many
            // relay threads as the rounds that follow: warmed up with two only, the compiler still worked
            // 2-3 µs per message in the first traced drains with one.
            int relayThreads = threads;
            Warmup.untilCompilerSettles("every variant, " + threads + " relay thread(s)", WARMUP_MIN_ROUNDS,
                    Warmup.MAX_ROUNDS, () -> {
                        for (Variant v : Variant.values()) {
                            drain("bench_trace_warmup", warmup, relayThreads, v);
                        }
                    });
            double[] seconds = new double[Variant.values().length];
            CpuMeter.Reading[] cpu = new CpuMeter.Reading[seconds.length];
            Arrays.fill(cpu, CpuMeter.Reading.ZERO);
            for (int round = 0; round < RELAY_ROUNDS; round++) {
                for (int i = 0; i < seconds.length; i++) {
                    Variant variant = Variant.values()[(round + i) % seconds.length];
                    double rate = drain("bench_trace_relay" + threads, perRound, threads, variant);
                    seconds[variant.ordinal()] += perRound / rate;
                    cpu[variant.ordinal()] = cpu[variant.ordinal()].plus(drains.lastFerryCpu());
                    System.out.printf(Locale.ROOT, "    round %d, %s: %,.0f msg/s%n", round + 1,
                            variant.name().toLowerCase(Locale.ROOT), rate);
                }
            }
            for (Variant v : Variant.values()) {
                CpuMeter.Reading c = cpu[v.ordinal()];
                System.out.printf(Locale.ROOT, "    %s: CPU per message %.2f µs in this JVM, %.2f µs in PostgreSQL%n",
                        v.name().toLowerCase(Locale.ROOT), c.jvmNanos() / 1e3 / RELAY_ROUNDS / perRound,
                        c.postgresNanos() / 1e3 / RELAY_ROUNDS / perRound);
            }
            double off = RELAY_ROUNDS * perRound / seconds[Variant.OFF.ordinal()];
            double on = RELAY_ROUNDS * perRound / seconds[Variant.ON.ordinal()];
            double headers = RELAY_ROUNDS * perRound / seconds[Variant.OFF_WITH_HEADERS.ordinal()];
            System.out.printf(Locale.ROOT, "  Ferry relay, %d thread(s): tracing off %,.0f msg/s, on %,.0f msg/s"
                    + " (%.2f); off with trace headers %,.0f msg/s (%.2f)%n", threads, off, on, on / off, headers,
                    headers / off);
            String name = "7. Ferry relay, " + threads + " thread" + (threads > 1 ? "s" : "") + ", batch "
                    + o.relayBatch();
            table.add(Figure.reference(name + ", tracing off (" + RELAY_ROUNDS + " × "
                    + String.format(Locale.ROOT, "%,d", perRound) + " msgs)", Figure.perSecond(off)));
            table.add(Figure.ratio(name + ", tracing on (SDK: spans + metrics, exported to nowhere)",
                    Figure.perSecond(on), on / off, MIN_THROUGHPUT, "≥ 0.90 of tracing off"));
            table.add(Figure.info(name + ", (diagnostic) tracing off, messages with trace headers",
                    Figure.perSecond(headers), headers / off));
            if (threads == 1) {
                floor(table, off, headers);
            }
        }
    }

    /**
     * The bound beside the one-thread figure: the SDK's own CPU per message ({@link SpanFloor}), as a
     * share of tracing off's wall time per message. Tracing on meets the target only if everything it
     * adds per message, this included, stays within 1/0.90 − 1 ≈ 0.11 of that time. A second row adds
     * what the stored context alone cost in the same rounds (the diagnostic variant's extra time per
     * message, as a share of tracing off's).
     */
    private void floor(ResultTable table, double offRate, double headersRate) {
        double nanos = new SpanFloor(sdk).cpuNanosPerMessage(FLOOR_MESSAGES);
        sdk.skip();
        double share = nanos / (1e9 / offRate);
        System.out.printf(Locale.ROOT, "  the SDK alone: %.2f µs of JVM CPU per message, %.3f of tracing off's %.2f µs"
                + " per message with 1 thread%n", nanos / 1e3, share, 1e6 / offRate);
        table.add(Figure.info("7. (bound) the OpenTelemetry SDK alone, per message: a producer span (stored parent, "
                + "10 attributes, batch processor) and a histogram record, JVM CPU; ratio: its share of tracing off's "
                + "time per message with 1 thread (the target allows ≤ 0.11)",
                String.format(Locale.ROOT, "%.2f µs", nanos / 1e3), share));
        double context = offRate / headersRate - 1;
        table.add(Figure.info("7. (bound) the stored trace context (the diagnostic row's extra time per message)"
                + " and the SDK alone, together; ratio: their share of tracing off's time per message with 1 thread"
                + " (the target allows ≤ 0.11)", String.format(Locale.ROOT, "%.3f + %.3f", context, share),
                context + share));
    }

    /** The relay drain's variants. */
    private enum Variant {
        /** No OpenTelemetry, no trace headers. */
        OFF,
        /** The SDK recording; each message carries a {@code traceparent}. */
        ON,
        /** No OpenTelemetry; each message carries a {@code traceparent} all the same. */
        OFF_WITH_HEADERS
    }

    /** @return messages per second of one drain of {@code n} messages in the given variant */
    private double drain(String schema, int n, int threads, Variant variant) throws Exception {
        if (variant != Variant.ON) {
            return drains.ferry(schema, n, threads, db.options().relayBatch(), null,
                    variant == Variant.OFF_WITH_HEADERS);
        }
        double rate = drains.ferry(schema, n, threads, db.options().relayBatch(), sdk.otel);
        sdk.print(n);
        return rate;
    }

    /** Figure 2 at 1,000 messages/s: the measured seconds split over the rounds, latencies pooled by variant. */
    private void latency(ResultTable table) throws Exception {
        int seconds = Math.max(1, (db.options().latencySeconds() + ROUNDS - 1) / ROUNDS);
        System.out.println("  warm-up (discarded):");
        for (boolean on : new boolean[] {false, true}) { // JIT: the write path is new when run alone
            write(1, on);
        }
        Histogram[] pooled = {new Histogram(3), new Histogram(3)};
        double[] achieved = new double[2];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < 2; i++) {
                int variant = (round + i) % 2;
                CommitLatency.Result r = write(seconds, variant == 1);
                pooled[variant].add(r.histogram());
                achieved[variant] += r.achievedRate() / ROUNDS;
            }
        }
        CommitLatency.Result off = CommitLatency.Result.of(achieved[0], pooled[0]);
        CommitLatency.Result on = CommitLatency.Result.of(achieved[1], pooled[1]);
        System.out.printf(Locale.ROOT, "  latency @ %,d/s: tracing off p50 %.2f ms, p99 %.2f ms; on p50 %.2f ms,"
                + " p99 %.2f ms%n", LATENCY_RATE, off.p50(), off.p99(), on.p50(), on.p99());
        String at = String.format(Locale.ROOT, "7. latency @ %,d/s", LATENCY_RATE);
        String offAchieved = String.format(Locale.ROOT, " (%d × %d s, achieved %,.0f/s)", ROUNDS, seconds,
                off.achievedRate());
        String onAchieved = String.format(Locale.ROOT, " (achieved %,.0f/s)", on.achievedRate());
        table.add(Figure.reference(at + " p50, tracing off" + offAchieved, Figure.millis(off.p50())));
        table.add(Figure.ratioAtMost(at + " p50, tracing on" + onAchieved, Figure.millis(on.p50()),
                on.p50() / off.p50(), MAX_LATENCY, "≤ 1.10 × tracing off"));
        table.add(Figure.reference(at + " p99, tracing off", Figure.millis(off.p99())));
        table.add(Figure.ratioAtMost(at + " p99, tracing on", Figure.millis(on.p99()), on.p99() / off.p99(),
                MAX_LATENCY, "≤ 1.10 × tracing off"));
        table.add(Figure.info(at + " p99.9, tracing off → on", Figure.millis(off.p999()) + " → "
                + Figure.millis(on.p999()), on.p999() / off.p999()));
    }

    /** @return one latency measurement at {@link #LATENCY_RATE}, with tracing on or off */
    private CommitLatency.Result write(int seconds, boolean on) throws Exception {
        if (!on) {
            return latency.measure("bench_trace_latency", LATENCY_RATE, seconds, null);
        }
        CommitLatency.Result r = latency.measure("bench_trace_latency", LATENCY_RATE, seconds, sdk.otel);
        sdk.print(-1);
        return r;
    }

    /**
     * An OpenTelemetry SDK that records traces and metrics as an application's would and exports
     * them to nowhere: spans through a {@link BatchSpanProcessor} with its defaults, metrics read
     * every {@link #METRIC_INTERVAL}. Its exporters count what they are given, to show it recorded.
     */
    static final class DroppingSdk implements AutoCloseable {

        final AtomicLong spans = new AtomicLong();
        final AtomicLong withParent = new AtomicLong();
        final AtomicLong metricExports = new AtomicLong();
        /** What {@link #print} showed last: spans, with a parent, metric exports. */
        private long printedSpans;
        private long printedWithParent;
        private long printedExports;
        final Set<String> metricNames = ConcurrentHashMap.newKeySet();
        final OpenTelemetrySdk otel;

        DroppingSdk() {
            SpanExporter spanExporter = new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> batch) {
                    spans.addAndGet(batch.size());
                    withParent.addAndGet(batch.stream().filter(d -> d.getParentSpanContext().isValid()).count());
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
            MetricExporter metricExporter = new MetricExporter() {
                @Override
                public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                    return AggregationTemporality.CUMULATIVE;
                }

                @Override
                public CompletableResultCode export(Collection<MetricData> metrics) {
                    metricExports.incrementAndGet();
                    for (MetricData m : metrics) {
                        metricNames.add(m.getName());
                    }
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
            otel = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(BatchSpanProcessor.builder(spanExporter).build()).build())
                    .setMeterProvider(SdkMeterProvider.builder()
                            .registerMetricReader(PeriodicMetricReader.builder(metricExporter)
                                    .setInterval(METRIC_INTERVAL).build()).build())
                    .build();
        }

        /** Shuts the SDK down, flushing what it holds to the exporters. */
        @Override
        public void close() {
            otel.close();
        }

        /** Flushes, and leaves what the exporters were given so far out of the next {@link #print}. */
        void skip() {
            otel.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            printedSpans = spans.get();
            printedWithParent = withParent.get();
            printedExports = metricExports.get();
        }

        /**
         * Prints what the exporters were given since the last call; fails when no span was. Spans
         * still queued in the batch processor are flushed first.
         *
         * @param ended the spans ended since the last call (one per message relayed), or -1 when not known
         */
        void print(long ended) {
            otel.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            long newSpans = spans.get() - printedSpans;
            long newWithParent = withParent.get() - printedWithParent;
            long newExports = metricExports.get() - printedExports;
            printedSpans += newSpans;
            printedWithParent += newWithParent;
            printedExports += newExports;
            if (newSpans == 0) {
                throw new IllegalStateException("Tracing on recorded no span: the engine did not trace");
            }
            System.out.printf(Locale.ROOT, "    tracing on: %,d spans exported%s (%,d with a parent), %d metric"
                    + " exports naming %d metrics, all dropped by the exporters%n", newSpans, ended < 0 ? ""
                    : String.format(Locale.ROOT, " of %,d ended", ended), newWithParent, newExports,
                    metricNames.size());
        }
    }
}

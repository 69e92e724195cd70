package dev.ferry.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Figure 2's writers and clock, whatever publishes the messages: {@value #WRITERS} threads write one
 * message per JTA transaction at a steady rate (open loop: each keeps its schedule whatever the
 * latency). The clock of a message starts just before {@code commit()} (so the commit's own round
 * trip counts) and stops when the publisher under test hands it over ({@link #delivered(UUID)}).
 * The first 3 seconds are a warm-up whose latencies are discarded. Thread-safe.
 */
final class SteadyWriters {

    static final int WRITERS = 8;
    static final long WARMUP_NANOS = 3_000_000_000L;

    /** One message written inside the writer's open transaction. */
    @FunctionalInterface
    interface Write {
        /**
         * @param writer the writer's number, from 0
         * @param i the writer's message number, from 0
         * @return the message's id, which {@link #delivered(UUID)} is later called with
         * @throws Exception fails the run
         */
        UUID write(int writer, long i) throws Exception;
    }

    private final Map<UUID, Long> committing = new ConcurrentHashMap<>();
    private final Recorder recorder = new Recorder(3);

    /** Records the latency of a message written by {@link #run}; ignores any other. */
    void delivered(UUID id) {
        Long t0 = committing.remove(id);
        if (t0 != null) {
            recorder.recordValue(Math.max(0, System.nanoTime() - t0));
        }
    }

    /**
     * Writes at {@code rate} messages/s for {@code seconds} after the warm-up, then waits (up to 30 s)
     * until every message was delivered.
     *
     * @param tracer when given, each transaction runs in a SERVER span of its own, as a traced
     *     request's would; null for none
     * @return the measured window's latencies and achieved rate
     * @throws IllegalStateException if messages are still undelivered 30 s after the last write
     */
    CommitLatency.Result run(UserTransaction ut, int rate, int seconds, Tracer tracer, Write write) throws Exception {
        OpenLoopWriters.Window window = OpenLoopWriters.run("latency-writer", WRITERS, rate, WARMUP_NANOS,
                seconds * 1_000_000_000L, recorder, writer -> i -> {
                    Span request = tracer == null ? null
                            : tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).startSpan();
                    Scope scope = request == null ? null : request.makeCurrent();
                    try {
                        ut.begin();
                        UUID id = write.write(writer, i);
                        committing.put(id, System.nanoTime());
                        ut.commit();
                    } finally {
                        if (request != null) {
                            scope.close();
                            request.end();
                        }
                    }
                });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!committing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (!committing.isEmpty()) {
            throw new IllegalStateException(committing.size() + " messages were not published within 30 s");
        }
        Histogram h = recorder.getIntervalHistogram();
        return CommitLatency.Result.of(window.rate(), h);
    }
}

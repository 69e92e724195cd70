package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.health.CheckResult;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.ChildJvm;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.testing.CrashChild;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.CrashSaga;
import dev.ferry.saga.testing.Effects;
import dev.ferry.saga.testing.FulfilData;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.OrderData;
import dev.ferry.saga.testing.OrderSaga;
import dev.ferry.saga.testing.SagaTestRig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saga traces and metrics through the OpenTelemetry SDK's in-memory exporters, on PostgreSQL: each
 * step attempt is a span in the trace the saga was started in, also when another engine runs it, and
 * when a JVM running the saga was killed with SIGKILL mid-step and another JVM recovered it; the saga
 * metrics and health after a known workload, and after operator actions (SUSPENDED counts as parked,
 * a cancel as cancelled, an abort as compensated).
 */
class SagaObservabilityTest {

    InMemorySpanExporter spans;
    InMemoryMetricReader metrics;
    OpenTelemetrySdk otel;

    @BeforeEach
    void setUp() {
        spans = InMemorySpanExporter.create();
        metrics = InMemoryMetricReader.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
    }

    @AfterEach
    void tearDown() {
        otel.close();
    }

    @Test
    void stepAttemptsAreSpansInTheStartsTraceAlsoOnAnotherEngine() throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(TestDatabase.POSTGRESQL, "saga_trace")) {
            OrderSaga saga = new OrderSaga(rig.effects());
            SagaEngine first = SagaEngine.builder().environment(rig.env()).openTelemetry(otel).createTables(true)
                    .settings(SagaTestRig.testSettings().workerId("first").build()).register(OrderSaga.class, saga)
                    .build();
            Span request = otel.getTracer("test").spanBuilder("POST /orders").startSpan();
            UUID id;
            try (Scope s = request.makeCurrent()) {
                id = rig.env().transactions().inNewTransaction(
                        () -> first.coordinator().start(OrderSaga.class, OrderData.failing("o1", "charge", 1)));
            } finally {
                request.end();
            }
            first.close(); // never started: another engine, with nothing cached, runs the saga

            try (SagaEngine second = SagaEngine.builder().environment(rig.env()).openTelemetry(otel)
                    .settings(SagaTestRig.testSettings().workerId("second").build()).register(OrderSaga.class, saga)
                    .build().start()) {
                Await.until(Duration.ofSeconds(20), "saga completed",
                        () -> second.coordinator().find(id).orElseThrow().status() == SagaStatus.COMPLETED);
                Await.until(Duration.ofSeconds(5), "four step spans", () -> steps().size() == 4);
            }
            String trace = request.getSpanContext().getTraceId();
            List<SpanData> steps = steps();
            assertEquals(List.of("step order-fulfilment.reserveStock", "step order-fulfilment.charge",
                    "step order-fulfilment.charge", "step order-fulfilment.ship"),
                    steps.stream().map(SpanData::getName).toList());
            for (SpanData step : steps) {
                assertEquals(trace, step.getTraceId(), "every step in the start's trace: " + step);
                assertEquals(request.getSpanContext().getSpanId(), step.getParentSpanId());
                assertEquals(id.toString(), attr(step, "ferry.saga.id"));
                assertEquals("order-fulfilment", attr(step, "ferry.saga.name"));
                assertEquals("second", attr(step, "ferry.saga.worker"));
            }
            SpanData failed = steps.get(1);
            assertEquals(1L, failed.getAttributes().get(AttributeKey.longKey("ferry.saga.attempt")));
            assertEquals("failed", attr(failed, "ferry.saga.outcome"));
            assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
            assertTrue(failed.getEvents().stream().anyMatch(e -> e.getName().equals("exception")), "error recorded");
            assertEquals(2L, steps.get(2).getAttributes().get(AttributeKey.longKey("ferry.saga.attempt")));
            assertEquals("completed", attr(steps.get(2), "ferry.saga.outcome"));
        }
    }

    /**
     * The saga is started in this JVM inside a request span; a child JVM claims it and hangs in step
     * one (its effect written, uncommitted) until it is killed with SIGKILL; after the child's 2 s
     * lease, a fresh engine in this JVM, which never saw the start, recovers the saga from the table:
     * step one again, step two, step three failing for good, then both compensations. Every one of
     * those spans is in the start's trace, a child of the request span.
     */
    @Test
    void stepAndCompensationSpansStayInTheStartsTraceAfterSigkillAndRecoveryInAnotherJvm() throws Exception {
        // The starter creates the tables and starts the saga; its workers never start.
        try (SagaTestRig rig = SagaTestRig.create(TestDatabase.POSTGRESQL, "saga_trace_crash");
             SagaEngine starter = SagaEngine.builder().environment(rig.env()).openTelemetry(otel).createTables(true)
                     .settings(CrashChild.crashSettings("starter", 1))
                     .register(CrashSaga.class, new CrashSaga(rig.effects())).build()) {
            File log = new File("target", "trace-crash-child.log");
            Process child = ChildJvm.start(List.of(), CrashChild.class, log, rig.schema().jdbcUrl(),
                    nullToEmpty(rig.schema().user()), nullToEmpty(rig.schema().password()), "child", "1", "2",
                    "hang");
            try {
                ChildJvm.awaitOutput(child, log, "READY", Duration.ofSeconds(60));
                Span request = otel.getTracer("test").spanBuilder("POST /orders").startSpan();
                UUID id;
                try (Scope s = request.makeCurrent()) {
                    id = rig.env().transactions().inNewTransaction(() -> starter.coordinator()
                            .start(CrashSaga.class, new CrashData(7, true, 0)));
                } finally {
                    request.end();
                }
                String trace = request.getSpanContext().getTraceId();
                assertTrue(storedTraceparent(rig, id).contains(trace), "the start's context is stored with the saga");

                ChildJvm.awaitOutput(child, log, CrashSaga.HANGING + id, Duration.ofSeconds(30));
                assertEquals(1, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE lease_owner = 'child'"
                        + " AND status = 'RUNNING'"), "the child JVM holds the saga, in step one");
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released, step one never ends
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
                assertEquals(0, rig.count("SELECT COUNT(*) FROM effect"), "the killed step one rolled back");
                assertEquals(List.of(), sagaSpans(), "no step ran in this JVM before the recovery");

                try (SagaEngine survivor = SagaEngine.builder().environment(rig.env()).openTelemetry(otel)
                        .settings(CrashChild.crashSettings("survivor", 1))
                        .register(CrashSaga.class, new CrashSaga(new Effects(rig.env().dataSource(), "survivor")))
                        .build().start()) {
                    Await.until(Duration.ofSeconds(30), "saga recovered and compensated",
                            () -> status(survivor, id) == SagaStatus.COMPENSATED);
                    Await.until(Duration.ofSeconds(5), "five step and compensation spans",
                            () -> sagaSpans().size() == 5);
                }
                List<SpanData> recovered = sagaSpans();
                assertEquals(List.of("step crash-test.one", "step crash-test.two", "step crash-test.three",
                        "compensate crash-test.two", "compensate crash-test.one"),
                        recovered.stream().map(SpanData::getName).toList());
                for (SpanData span : recovered) {
                    assertEquals(trace, span.getTraceId(), "in the start's trace after the crash: " + span);
                    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
                    assertEquals(id.toString(), attr(span, "ferry.saga.id"));
                    assertEquals("crash-test", attr(span, "ferry.saga.name"));
                    assertEquals("survivor", attr(span, "ferry.saga.worker"));
                }
                assertEquals("completed", attr(recovered.get(0), "ferry.saga.outcome"));
                assertEquals("failed", attr(recovered.get(2), "ferry.saga.outcome"));
                assertEquals(StatusCode.ERROR, recovered.get(2).getStatus().getStatusCode());
                assertEquals("true", attr(recovered.get(3), "ferry.saga.compensation"));
                assertEquals("completed", attr(recovered.get(4), "ferry.saga.outcome"));
                assertEquals(List.of("one", "two", "undoTwo", "undoOne"), rig.effectsOf(id));
                assertEquals(0, rig.count("SELECT COUNT(*) FROM effect WHERE jvm <> 'survivor'"));
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void metricsAndHealthAfterTwoCompletedAndTwoParked() throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(TestDatabase.POSTGRESQL, "saga_metrics")) {
            OrderSaga saga = new OrderSaga(rig.effects());
            saga.refundBroken = true;
            SagaEngine engine = SagaEngine.builder().environment(rig.env()).openTelemetry(otel).createTables(true)
                    .healthThresholds(HealthThresholds.none().withMaxParkedSagas(1))
                    .settings(SagaTestRig.testSettings().build()).register(OrderSaga.class, saga).build().start();
            try {
                List<UUID> ok = List.of(engine.coordinator().start(OrderSaga.class, OrderData.ok("a")),
                        engine.coordinator().start(OrderSaga.class, OrderData.ok("b")));
                List<UUID> parked = List.of(
                        engine.coordinator().start(OrderSaga.class, OrderData.failing("c", "ship", 99)),
                        engine.coordinator().start(OrderSaga.class, OrderData.failing("d", "ship", 99)));
                Await.until(Duration.ofSeconds(30), "2 completed and 2 parked", () ->
                        ok.stream().allMatch(id -> status(engine, id) == SagaStatus.COMPLETED)
                        && parked.stream().allMatch(id -> status(engine, id) == SagaStatus.PARKED)
                        && sum(metrics.collectAllMetrics(), "ferry.saga.parked", "ferry.saga.name",
                                "order-fulfilment") == 2);

                Collection<MetricData> collected = metrics.collectAllMetrics();
                assertEquals(4, sum(collected, "ferry.saga.started", "ferry.saga.name", "order-fulfilment"));
                assertEquals(2, sum(collected, "ferry.saga.completed", "ferry.saga.name", "order-fulfilment"));
                assertEquals(2, sum(collected, "ferry.saga.parked", "ferry.saga.name", "order-fulfilment"));
                assertEquals(6, sum(collected, "ferry.saga.step.failures", "ferry.saga.step", "ship"));
                assertEquals(6, sum(collected, "ferry.saga.step.failures", "ferry.saga.step", "charge"),
                        "three refund attempts of each parked saga");
                assertEquals(2, gauge(collected, "ferry.saga.instances", "ferry.saga.status", "PARKED"), 0.0);
                assertTrue(metric(collected, "ferry.saga.step.duration").getHistogramData().getPoints().stream()
                        .mapToLong(p -> p.getCount()).sum() >= 4 * 3);

                HealthReport health = engine.health();
                assertTrue(health.live(), health.toString());
                CheckResult ready = health.check("ferry-saga");
                assertFalse(ready.up(), "2 parked sagas pass the threshold of 1: " + ready);
                assertEquals(2L, ready.data().get("parked"));
                assertEquals(1L, ready.data().get("maxParked"));
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void suspendedSagasCountAsParkedAndOnlyACancelCountsAsCancelled() throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(TestDatabase.POSTGRESQL, "saga_metrics_ops")) {
            OpsSaga saga = new OpsSaga(rig.effects());
            saga.riskyBroken = true;
            SagaCoordinator ops = rig.start(b -> b.register(OpsSaga.class, saga).openTelemetry(otel)
                    .healthThresholds(HealthThresholds.none().withMaxParkedSagas(2))).withActor("carol");
            FulfilData data = new FulfilData("o", 1);
            UUID cancelled = ops.start("ops", data);
            UUID compensated = ops.start("ops", data);
            UUID aborted = ops.start("ops", data);
            for (UUID id : List.of(cancelled, compensated, aborted)) {
                rig.await(id, SagaStatus.SUSPENDED);
            }
            Await.until(Duration.ofSeconds(10), "3 parked counted",
                    () -> sum(metrics.collectAllMetrics(), "ferry.saga.parked", "ferry.saga.name", "ops") == 3);
            SagaEngine engine = rig.engine();
            Collection<MetricData> collected = metrics.collectAllMetrics();
            assertEquals(3, gauge(collected, "ferry.saga.instances", "ferry.saga.status", "SUSPENDED"), 0.0);
            CheckResult ready = engine.health().check("ferry-saga");
            assertFalse(ready.up(), "3 suspended sagas pass the threshold of 2: " + ready);
            assertEquals(3L, ready.data().get("suspended"));
            assertEquals(0L, ready.data().get("parked"));

            assertEquals(SagaStatus.CANCELLED, ops.cancel(cancelled, "customer gave up"));
            assertEquals(SagaStatus.COMPENSATING, ops.compensate(compensated, "customer cancelled"));
            saga.riskyBroken = false;
            assertEquals(SagaStatus.RUNNING, ops.resume(aborted, "fixed"));
            rig.await(aborted, SagaStatus.WAITING);
            assertTrue(ops.abort(aborted));
            rig.await(compensated, SagaStatus.COMPENSATED);
            rig.await(aborted, SagaStatus.COMPENSATED);
            Await.until(Duration.ofSeconds(10), "2 compensated counted",
                    () -> sum(metrics.collectAllMetrics(), "ferry.saga.compensated", "ferry.saga.name", "ops") == 2);

            collected = metrics.collectAllMetrics();
            assertEquals(1, sum(collected, "ferry.saga.cancelled", "ferry.saga.name", "ops"),
                    "the cancel, not the abort");
            assertEquals(3, sum(collected, "ferry.saga.parked", "ferry.saga.name", "ops"));
            assertEquals(0, sum(collected, "ferry.saga.completed", "ferry.saga.name", "ops"));
            // The figures are read at most every 5 s.
            Await.until(Duration.ofSeconds(15), "ready: none waits for an operator any more",
                    () -> engine.health().check("ferry-saga").up());
        }
    }

    private static SagaStatus status(SagaEngine engine, UUID id) {
        return engine.coordinator().find(id).orElseThrow().status();
    }

    private static String storedTraceparent(SagaTestRig rig, UUID id) throws Exception {
        try (Connection c = rig.schema().connect();
             PreparedStatement ps = c.prepareStatement("SELECT traceparent FROM ferry_saga_trace WHERE saga_id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private List<SpanData> sagaSpans() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("step ") || s.getName().startsWith("compensate "))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private List<SpanData> steps() {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("step "))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private static long sum(Collection<MetricData> all, String name, String key, String value) {
        if (all.stream().noneMatch(m -> m.getName().equals(name))) {
            return 0;
        }
        return metric(all, name).getLongSumData().getPoints().stream()
                .filter(p -> matches(p.getAttributes(), key, value)).mapToLong(p -> p.getValue()).sum();
    }

    private static double gauge(Collection<MetricData> all, String name, String key, String value) {
        return metric(all, name).getDoubleGaugeData().getPoints().stream()
                .filter(p -> matches(p.getAttributes(), key, value)).mapToDouble(p -> p.getValue()).sum();
    }

    private static boolean matches(Attributes attributes, String key, String value) {
        return value.equals(attributes.get(AttributeKey.stringKey(key)));
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.outbox.inbox.InboxSettings;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqInbound;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisher;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisherConfig;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.health.CheckResult;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Traces and metrics through the OpenTelemetry SDK and its in-memory exporters, over PostgreSQL:
 * one trace from a caller's span through {@code Outbox.publish}, the relay, RabbitMQ's headers and
 * the inbox consumer's span (the Kafka path is in {@link KafkaPublisherTest}, which has the broker);
 * the metric values and the health after a known workload.
 */
class TracingAndMetricsTest {

    OutboxFixture fx;
    InMemorySpanExporter spans;
    InMemoryMetricReader metrics;
    OpenTelemetrySdk otel;

    @BeforeEach
    void setUp(TestInfo info) {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "obs_" + info.getTestMethod().orElseThrow().getName());
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
        try {
            fx.close();
        } finally {
            otel.close();
        }
    }

    @Test
    void oneTraceRunsFromTheCallerThroughTheRelayAndRabbitMqToTheInboxConsumer() throws Exception {
        LocalRabbitMq.requireRunning();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "ferry.test.trace." + suffix;
        String queue = "ferry.test.trace.q." + suffix;
        try (Connection rabbit = LocalRabbitMq.connectionFactory().newConnection("ferry-test-trace");
             Channel ch = rabbit.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, null);
            ch.queueDeclare(queue, false, false, true, null);
            ch.queueBind(queue, exchange, "#");
            OutboxEngine engine = OutboxEngine.builder().environment(fx.env)
                    .settings(fx.settings().pollInterval(Duration.ofMillis(200)).retention(Duration.ofHours(1)).build())
                    .publisher(new RabbitMqPublisher(RabbitMqPublisherConfig.builder(LocalRabbitMq.connectionFactory())
                            .exchange(m -> exchange).connectionName("ferry-test-trace-publisher").build()))
                    .openTelemetry(otel).createTables(true).build().start();
            InboxEngine inboxes = InboxEngine.builder().environment(fx.env).openTelemetry(otel).createTables(true)
                    .settings(InboxSettings.builder().schema(fx.schema.schema()).consumer("shipping").build()).build();
            try {
                Span request = otel.getTracer("test").spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                        .startSpan();
                UUID id;
                try (Scope s = request.makeCurrent()) {
                    id = fx.inTransaction(() -> engine.outbox().publish(OutboxMessage.builder("orders").key("o-1")
                            .type("OrderPlaced").payload("{\"order\":1}").header("tenant", "acme").build()));
                } finally {
                    request.end();
                }
                String stored = fx.strings("SELECT headers FROM outbox").get(0); // kept: a retention is set
                assertTrue(stored.contains(request.getSpanContext().getTraceId()),
                        "the outbox row carries the caller's trace context: " + stored);

                AtomicReference<GetResponse> got = new AtomicReference<>();
                Await.until(Duration.ofSeconds(30), "the message in RabbitMQ", () -> {
                    try {
                        got.set(ch.basicGet(queue, true));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return got.get() != null;
                });
                GetResponse delivery = got.get();
                Inbox inbox = inboxes.inbox();
                AtomicReference<String> handlerSpan = new AtomicReference<>();
                fx.inTransaction(() -> RabbitMqInbound.receive(inbox, delivery.getProps(),
                        () -> handlerSpan.set(Span.current().getSpanContext().getSpanId())));
                boolean again = fx.inTransaction(() -> RabbitMqInbound.receive(inbox, delivery.getProps(), () -> { }));
                assertFalse(again, "a second delivery is a duplicate");

                Await.until(Duration.ofSeconds(10), "the producer and consumer spans",
                        () -> spans.getFinishedSpanItems().stream().filter(sp -> sp.getKind() != SpanKind.SERVER)
                                .count() >= 3);
                String traceId = request.getSpanContext().getTraceId();
                SpanData producer = only(SpanKind.PRODUCER);
                assertEquals(traceId, producer.getTraceId());
                assertEquals(request.getSpanContext().getSpanId(), producer.getParentSpanId());
                assertEquals("publish orders", producer.getName());
                assertEquals("rabbitmq", attr(producer, "messaging.system"));
                assertEquals("orders", attr(producer, "messaging.destination.name"));
                assertEquals(id.toString(), attr(producer, "messaging.message.id"));
                assertEquals("publish", attr(producer, "messaging.operation.name"));
                assertEquals("send", attr(producer, "messaging.operation.type"));
                // the message's own attributes, set when the span starts
                assertEquals("o-1", attr(producer, "ferry.message.key"));
                assertEquals("OrderPlaced", attr(producer, "ferry.message.type"));
                assertEquals(1L, producer.getAttributes().get(AttributeKey.longKey("ferry.attempt")));
                assertNotNull(attr(producer, "ferry.relay.id"));
                assertEquals("delivered", attr(producer, "ferry.outcome"));
                assertTrue(producer.getEndEpochNanos() >= producer.getStartEpochNanos(),
                        "ended (on the relay's telemetry lane) when the publisher returned, not before it started");

                String traceparent = RabbitMqInbound.header(delivery.getProps(), "traceparent");
                assertNotNull(traceparent, "RabbitMQ carries the trace context");
                assertTrue(traceparent.contains(traceId) && traceparent.contains(producer.getSpanId()),
                        "the message carries the producer span's context: " + traceparent);
                assertEquals("acme", RabbitMqInbound.header(delivery.getProps(), "tenant"));

                List<SpanData> consumers = spans.getFinishedSpanItems().stream()
                        .filter(sp -> sp.getKind() == SpanKind.CONSUMER).toList();
                assertEquals(2, consumers.size(), "one consumer span per delivery: " + consumers);
                for (SpanData consumer : consumers) {
                    assertEquals(traceId, consumer.getTraceId(), "one trace from the request to the consumer");
                    assertEquals(producer.getSpanId(), consumer.getParentSpanId());
                    assertEquals("rabbitmq", attr(consumer, "messaging.system"));
                    assertEquals(id.toString(), attr(consumer, "messaging.message.id"));
                    assertEquals("shipping", attr(consumer, "messaging.consumer.group.name"));
                }
                assertEquals(consumers.get(0).getSpanId(), handlerSpan.get(),
                        "the handler runs in the consumer span, so its own writes continue the trace");
                assertEquals("true", attr(consumers.get(1), "ferry.inbox.duplicate"));

                Collection<MetricData> collected = metrics.collectAllMetrics();
                assertEquals(1, sum(collected, "ferry.inbox.received"));
                assertEquals(1, sum(collected, "ferry.inbox.duplicates"));
                assertEquals(1, sum(collected, "ferry.outbox.published"));
            } finally {
                inboxes.close();
            }
        }
    }

    @Test
    void metricsAndHealthAfterHundredPublishedAndOneDead() throws Exception {
        MessagePublisher refusingPoison = new MessagePublisher() {
            @Override
            public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
                for (OutgoingMessage m : batch) {
                    if (m.topic().equals("poison")) {
                        report.failed(m, new IllegalArgumentException("the broker refuses poison"));
                    } else {
                        report.delivered(m);
                    }
                }
            }
        };
        OutboxEngine engine = OutboxEngine.builder().environment(fx.env)
                .settings(fx.settings().maxAttempts(1).relayId("metrics").pollInterval(Duration.ofMillis(200)).build())
                .publisher(refusingPoison).openTelemetry(otel).createTables(true)
                .healthThresholds(HealthThresholds.none().withMaxDeadMessages(0)).build();
        fx.inTransaction(() -> {
            for (int i = 0; i < 100; i++) {
                engine.outbox().publish("ticks", "k" + (i % 10), "{\"n\":" + i + "}");
            }
            return engine.outbox().publish("poison", "p", "{}");
        });
        engine.start();
        Await.until(Duration.ofSeconds(30), "100 published and 1 dead, counted",
                () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") == 0
                        && sum(metrics.collectAllMetrics(), "ferry.outbox.published") == 100
                        && sum(metrics.collectAllMetrics(), "ferry.outbox.dead") == 1);

        Collection<MetricData> collected = metrics.collectAllMetrics();
        assertEquals(100, sum(collected, "ferry.outbox.published", "messaging.destination.name", "ticks"));
        assertEquals(0, sum(collected, "ferry.outbox.published", "messaging.destination.name", "poison"));
        assertEquals(1, sum(collected, "ferry.outbox.failed", "messaging.destination.name", "poison"));
        assertEquals(1, sum(collected, "ferry.outbox.dead", "messaging.destination.name", "poison"));
        assertEquals(100, histogramCount(collected, "ferry.outbox.publish.latency"));
        assertEquals(101, histogramSum(collected, "ferry.outbox.relay.batch.size"), 0.0);
        assertTrue(histogramCount(collected, "ferry.outbox.relay.batch.duration") >= 1);
        assertEquals(0, gauge(collected, "ferry.outbox.pending"), 0.0);
        assertEquals(1, gauge(collected, "ferry.outbox.dead_messages"), 0.0);

        HealthReport health = engine.health();
        assertTrue(health.live(), health.toString());
        CheckResult ready = health.check("ferry-outbox");
        assertFalse(ready.up(), "one dead message passes the threshold of none: " + ready);
        assertEquals(1L, ready.data().get("deadMessages"));
        assertEquals(0L, ready.data().get("pending"));

        // A relay thread that ends without the relay being stopped (here: interrupted) fails liveness.
        Thread relayThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ferry-relay-metrics-")).findFirst().orElseThrow();
        relayThread.interrupt();
        Await.until(Duration.ofSeconds(10), "the relay thread ends", () -> !relayThread.isAlive());
        CheckResult live = engine.health().check("ferry-outbox-relay");
        assertFalse(live.up(), live.toString());
        assertTrue((Long) live.data().get("deadThreads") >= 1, live.toString());
    }

    @Test
    void readinessIsDownWhileTheTableCannotBeReadAndUpAgainAfter() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().build(), (batch, report) -> batch.forEach(report::delivered));
        engine.start();
        fx.execute("ALTER TABLE outbox RENAME TO outbox_gone");
        CheckResult down = engine.health().check("ferry-outbox");
        fx.execute("ALTER TABLE outbox_gone RENAME TO outbox");
        assertFalse(down.up(), down.toString());
        assertTrue(String.valueOf(down.data().get("error")).contains("outbox"), down.toString());

        HealthReport health = engine.health();
        assertTrue(health.up(), "no thresholds: UP with an empty outbox: " + health);
        assertEquals(0L, health.check("ferry-outbox").data().get("deadMessages"));
        assertEquals(0L, health.check("ferry-outbox").data().get("pending"));
    }

    private SpanData only(SpanKind kind) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind).toList();
        assertEquals(1, found.size(), kind + " spans: " + found);
        return found.get(0);
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all.stream()
                        .map(MetricData::getName).toList()));
    }

    static long sum(Collection<MetricData> all, String name, String... attribute) {
        if (all.stream().noneMatch(m -> m.getName().equals(name))) {
            return 0;
        }
        return metric(all, name).getLongSumData().getPoints().stream()
                .filter(p -> matches(p.getAttributes(), attribute)).mapToLong(p -> p.getValue()).sum();
    }

    static long histogramCount(Collection<MetricData> all, String name) {
        return metric(all, name).getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum();
    }

    static double histogramSum(Collection<MetricData> all, String name) {
        return metric(all, name).getHistogramData().getPoints().stream().mapToDouble(p -> p.getSum()).sum();
    }

    static double gauge(Collection<MetricData> all, String name, String... attribute) {
        return metric(all, name).getDoubleGaugeData().getPoints().stream()
                .filter(p -> matches(p.getAttributes(), attribute)).mapToDouble(p -> p.getValue()).sum();
    }

    private static boolean matches(Attributes attributes, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(attributes.get(AttributeKey.stringKey(pairs[i])))) {
                return false;
            }
        }
        return true;
    }
}

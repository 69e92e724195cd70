package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.outbox.inbox.InboxSettings;
import dev.ferry.outbox.publish.kafka.KafkaInbound;
import dev.ferry.outbox.publish.kafka.KafkaPublisher;
import dev.ferry.outbox.publish.kafka.KafkaPublisherConfig;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka publisher against a real Kafka broker (KRaft, in a child JVM), over PostgreSQL: a
 * stream of 10,000 messages on 100 keys; the same with the broker stopped for longer than a
 * message's whole backoff schedule and started again; a message for a missing topic going dead; the
 * headers a consumer receives; and one trace from a caller's span through the relay's PRODUCER span
 * and the record's {@code traceparent} header to the inbox consumer's span (the RabbitMQ path is in
 * {@link TracingAndMetricsTest}).
 */
class KafkaPublisherTest {

    private static final int MESSAGES = 10_000;
    private static final int KEYS = 100;

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    OutboxFixture fx;
    final AtomicBoolean stopConsumer = new AtomicBoolean();
    Thread consumer;

    @BeforeAll
    static void startKafka() throws Exception {
        long t0 = System.nanoTime();
        broker = KafkaBroker.start(dir);
        System.out.printf("[kafka] broker up at %s in %d ms%n", broker.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void setUp(TestInfo info) {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "kafka_" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        stopConsumer.set(true);
        if (consumer != null) {
            consumer.join(10_000);
        }
        fx.close();
    }

    private OutboxEngine engine(KafkaPublisher publisher) {
        // Delivered rows are kept (retention) so the test can read how many attempts each took.
        return fx.engine(fx.settings().relayThreads(2).batchSize(200).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).maxAttempts(1000)
                .retention(Duration.ofHours(1)).build(), publisher);
    }

    private KafkaPublisher publisher() {
        return new KafkaPublisher(KafkaPublisherConfig.builder(broker.bootstrapServers())
                .topics(Map.of("ticks", "ferry." + "ticks"))
                .deliveryTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(2))
                .maxBlock(Duration.ofSeconds(2))
                .property("reconnect.backoff.max.ms", 500)
                .build());
    }

    @Test
    void tenThousandMessagesOnHundredKeysArriveInKeyOrder() throws Exception {
        String topic = "ferry.ticks";
        broker.createTopic(topic, 8);
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume(topic, stream);
        OutboxEngine engine = engine(publisher()).start();

        stream.publishAndConsumeAll(fx, engine.outbox(), MESSAGES, "kafka");
    }

    @Test
    void brokerDownLongerThanTheBackoffScheduleCostsNoAttemptsAndLosesNothing() throws Exception {
        String topic = "ferry.ticks";
        broker.createTopic(topic + ".outage", 8);
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume(topic + ".outage", stream);
        // A send Kafka does not confirm fails after the delivery timeout, 1 s: three attempts (100 ms
        // doubling to 400 ms between them) would be spent in under 4 s of the outage.
        KafkaPublisher publisher = new KafkaPublisher(KafkaPublisherConfig.builder(broker.bootstrapServers())
                .topicMapping(m -> "ferry." + m.topic() + ".outage")
                .deliveryTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofMillis(500))
                .maxBlock(Duration.ofSeconds(1)).property("reconnect.backoff.max.ms", 500).build());
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(2).batchSize(200)
                .pollInterval(Duration.ofMillis(200)).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .maxAttempts(3).relayId("kafka-outage")
                .retention(Duration.ofHours(1)).build(), publisher).start();
        stream.surviveOutage(fx, engine, MESSAGES, "kafka outage", "the broker", "stop, 5 s, start",
                () -> MessageStream.outage(fx, Duration.ofSeconds(5), broker::stop, broker::startAgain));
    }

    @Test
    void aMessageForAMissingTopicIsRefusedAndGoesDeadWhileOtherKeysGoOn() throws Exception {
        String topic = "ferry.ticks.refusal";
        broker.createTopic(topic, 8);
        MessageStream stream = new MessageStream("ticks", 1);
        consume(topic, stream);
        KafkaPublisher publisher = new KafkaPublisher(KafkaPublisherConfig.builder(broker.bootstrapServers())
                .topicMapping(m -> m.topic().equals("ticks") ? topic : "ferry.missing")
                .deliveryTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(1))
                .maxBlock(Duration.ofSeconds(1)).build());
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(1).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(100)).maxAttempts(2).build(), publisher);
        fx.inTransaction(() -> engine.outbox().publish(OutboxMessage.builder("nowhere").key("k-missing")
                .jsonPayload("{}").build()));
        stream.write(fx, engine.outbox(), 0, 20, 20);
        engine.start();

        Await.until(Duration.ofSeconds(60), "a dead message", () -> engine.admin().deadMessages(10).size() == 1);
        Await.until(Duration.ofSeconds(60), "20 good messages consumed", () -> stream.distinctCount() == 20);
        stream.assertIntact(20);
        DeadMessage dead = engine.admin().deadMessages(10).get(0);
        System.out.println("[kafka] dead: " + dead);
        assertEquals("k-missing", dead.key());
        assertEquals(2, dead.attempts());
        assertTrue(dead.lastError().contains("UnknownTopicOrPartition") || dead.lastError().contains("ferry.missing"),
                dead.lastError());
        assertFalse(engine.relay().brokerUnavailable(), "a missing topic is not an outage");
    }

    @Test
    void consumersReceiveExactlyTheHeadersOfTheTable() throws Exception {
        String topic = "ferry.headers";
        broker.createTopic(topic, 1);
        OutboxEngine engine = fx.engine(fx.settings().build(), new KafkaPublisher(KafkaPublisherConfig
                .builder(broker.bootstrapServers()).topics(Map.of("headers", topic)).build())).start();
        HeaderTable.Written written = HeaderTable.write(fx, engine.outbox(), "headers");
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            Await.until(Duration.ofSeconds(30), "both records", () -> {
                c.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() >= 2;
            });
        }
        for (ConsumerRecord<String, byte[]> r : received) {
            String id = KafkaInbound.messageId(r);
            Map<String, String> ferry = new HashMap<>();
            for (Header h : r.headers()) {
                if (FerryHeaders.isReserved(h.key())) {
                    assertTrue(ferry.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)) == null,
                            "one " + h.key() + " header");
                }
            }
            HeaderTable.assertFerryHeaders(written, id, ferry, name -> name);
            boolean keyed = id.equals(written.keyed().toString());
            assertEquals(keyed ? HeaderTable.KEY : null, r.key(), "record key");
            assertEquals(keyed ? HeaderTable.TENANT : null, KafkaInbound.header(r, "tenant"));
        }
    }

    @Test
    void oneTraceRunsFromTheCallerThroughTheRelayAndKafkaToTheInboxConsumer() throws Exception {
        String topic = "ferry.trace";
        broker.createTopic(topic, 1);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                     .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
             OutboxEngine engine = OutboxEngine.builder().environment(fx.env)
                     .settings(fx.settings().pollInterval(Duration.ofMillis(200)).build())
                     .publisher(new KafkaPublisher(KafkaPublisherConfig.builder(broker.bootstrapServers())
                             .topics(Map.of("orders", topic)).build()))
                     .openTelemetry(otel).createTables(true).build().start();
             InboxEngine inboxes = InboxEngine.builder().environment(fx.env).openTelemetry(otel).createTables(true)
                     .settings(InboxSettings.builder().schema(fx.schema.schema()).consumer("shipping").build())
                     .build()) {
            Span request = otel.getTracer("test").spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                    .startSpan();
            UUID id;
            try (Scope s = request.makeCurrent()) {
                id = fx.inTransaction(() -> engine.outbox().publish(OutboxMessage.builder("orders").key("o-1")
                        .type("OrderPlaced").payload("{\"order\":1}").build()));
            } finally {
                request.end();
            }
            String traceId = request.getSpanContext().getTraceId();

            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false"))) {
                TopicPartition partition = new TopicPartition(topic, 0);
                c.assign(List.of(partition));
                c.seekToBeginning(List.of(partition));
                Await.until(Duration.ofSeconds(30), "the record in Kafka", () -> {
                    c.poll(Duration.ofMillis(100)).forEach(received::add);
                    return !received.isEmpty();
                });
            }
            assertEquals(1, received.size(), "one record: " + received);
            ConsumerRecord<String, byte[]> record = received.get(0);
            assertEquals(id.toString(), KafkaInbound.messageId(record));

            AtomicReference<String> handlerSpan = new AtomicReference<>();
            assertTrue(fx.inTransaction(() -> KafkaInbound.receive(inboxes.inbox(), record,
                    () -> handlerSpan.set(Span.current().getSpanContext().getSpanId()))));
            assertFalse(fx.inTransaction(() -> KafkaInbound.receive(inboxes.inbox(), record, () -> { })),
                    "a second delivery is a duplicate");

            Await.until(Duration.ofSeconds(10), "the producer span and both consumer spans",
                    () -> spans(spans, SpanKind.PRODUCER).size() == 1 && spans(spans, SpanKind.CONSUMER).size() == 2);
            SpanData producer = spans(spans, SpanKind.PRODUCER).get(0);
            assertEquals(traceId, producer.getTraceId(), "the relay's send is in the caller's trace");
            assertEquals(request.getSpanContext().getSpanId(), producer.getParentSpanId());
            assertEquals("publish orders", producer.getName());
            assertEquals("kafka", attr(producer, "messaging.system"));
            assertEquals("orders", attr(producer, "messaging.destination.name"));
            assertEquals(id.toString(), attr(producer, "messaging.message.id"));
            assertEquals("delivered", attr(producer, "ferry.outcome"));

            String traceparent = KafkaInbound.header(record, "traceparent");
            assertNotNull(traceparent, "the Kafka record carries the trace context");
            assertEquals("00-" + traceId + "-" + producer.getSpanId() + "-01", traceparent,
                    "the record carries the producer span's context");

            List<SpanData> consumers = spans(spans, SpanKind.CONSUMER);
            for (SpanData consumer : consumers) {
                assertEquals(traceId, consumer.getTraceId(), "one trace from the request to the consumer");
                assertEquals(producer.getSpanId(), consumer.getParentSpanId());
                assertEquals("process " + topic, consumer.getName());
                assertEquals("kafka", attr(consumer, "messaging.system"));
                assertEquals(topic, attr(consumer, "messaging.destination.name"));
                assertEquals(id.toString(), attr(consumer, "messaging.message.id"));
                assertEquals("shipping", attr(consumer, "messaging.consumer.group.name"));
            }
            assertEquals(consumers.get(0).getSpanId(), handlerSpan.get(),
                    "the handler runs in the consumer span, so its own writes continue the trace");
            assertNull(attr(consumers.get(0), "ferry.inbox.duplicate"));
            assertEquals("true", attr(consumers.get(1), "ferry.inbox.duplicate"));
        }
    }

    private static List<SpanData> spans(InMemorySpanExporter exporter, SpanKind kind) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind)
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private void consume(String topic, MessageStream stream) {
        consumer = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false",
                    "auto.offset.reset", "earliest", "reconnect.backoff.max.ms", "500"))) {
                List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                while (!stopConsumer.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        if (!"Tick".equals(KafkaInbound.header(r, FerryHeaders.MESSAGE_TYPE))
                                || !"ticks".equals(KafkaInbound.header(r, FerryHeaders.TOPIC))
                                || !r.key().equals(KafkaInbound.header(r, FerryHeaders.MESSAGE_KEY))) {
                            stream.problem("record without Ferry's type, topic or key header at offset " + r.offset());
                        }
                        stream.received(KafkaInbound.messageId(r), r.key(), KafkaInbound.header(r, "index"));
                    }
                }
            } catch (RuntimeException e) {
                stream.problem("consumer failed: " + e);
            }
        }, "kafka-consumer");
        consumer.start();
    }
}

package dev.ferry.outbox.it;


import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.publish.kafka.KafkaInbound;
import dev.ferry.outbox.publish.kafka.KafkaPublisher;
import dev.ferry.outbox.publish.kafka.KafkaPublisherConfig;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 * stream of 10,000 messages on 100 keys, and the same with the broker stopped and started again
 * in the middle.
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
    void brokerStoppedAndStartedMidStreamLosesNothing() throws Exception {
        String topic = "ferry.ticks";
        broker.createTopic(topic + ".outage", 8);
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume(topic + ".outage", stream);
        // The broker stays down longer than the delivery timeout, so the sends in flight when it stops
        // fail (rather than wait in the producer until it is back) and the relay must retry them.
        KafkaPublisher publisher = new KafkaPublisher(KafkaPublisherConfig.builder(broker.bootstrapServers())
                .topicMapping(m -> "ferry." + m.topic() + ".outage")
                .deliveryTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(1))
                .maxBlock(Duration.ofSeconds(2)).property("reconnect.backoff.max.ms", 500).build());
        OutboxEngine engine = engine(publisher).start();
        stream.surviveOutage(fx, engine.outbox(), MESSAGES, "kafka outage", "the broker", "stop + 4 s + start", () -> {
            broker.stop();
            Thread.sleep(4_000);
            broker.startAgain();
        });
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

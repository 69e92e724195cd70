package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.cdi.ConfiguredPublishers;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.publish.kafka.KafkaInbound;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqInbound;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publishers a container makes from {@code ferry.outbox.kafka.*} and {@code ferry.outbox.rabbitmq.*} keys,
 * against the real local RabbitMQ and a real Kafka in a child JVM, over PostgreSQL: the keys' topic and exchange
 * mappings, routing key and credentials reach the broker, and every message written arrives once, in key order,
 * at its first attempt.
 */
class ConfiguredPublishersTest {

    private static final int MESSAGES = 500;
    private static final int KEYS = 20;

    @TempDir
    Path dir;

    OutboxFixture fx;
    final AtomicBoolean stopConsumer = new AtomicBoolean();
    Thread consumer;
    KafkaBroker kafka;

    @AfterEach
    void tearDown() throws Exception {
        stopConsumer.set(true);
        if (consumer != null) {
            consumer.join(10_000);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private OutboxEngine engine(TestInfo info, MessagePublisher publisher) {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "cfg_" + info.getTestMethod().orElseThrow().getName());
        return fx.engine(fx.settings().relayThreads(2).batchSize(100).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).maxAttempts(100)
                .retention(Duration.ofHours(1)).build(), publisher);
    }

    @Test
    void rabbitMqFromKeysDeliversEveryMessageOnceToTheMappedExchangeWithTheTopicAsRoutingKey(TestInfo info)
            throws Exception {
        LocalRabbitMq.requireRunning();
        ConnectionFactory local = LocalRabbitMq.connectionFactory();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "ferry.cfg." + suffix;
        String queue = "ferry.cfg.q." + suffix;
        try (Connection c = local.newConnection("ferry-test-setup"); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "ticks"); // only the topic as routing key reaches the queue
        }
        try {
            MessagePublisher publisher = ConfiguredPublishers.of("rabbitmq", Map.of(
                    "ferry.outbox.rabbitmq.uri", "amqp://" + local.getHost() + ":" + local.getPort() + "/"
                            + java.net.URLEncoder.encode(local.getVirtualHost(), "UTF-8"),
                    "ferry.outbox.rabbitmq.username", local.getUsername(),
                    "ferry.outbox.rabbitmq.password", local.getPassword(),
                    "ferry.outbox.rabbitmq.exchange.ticks", exchange,
                    "ferry.outbox.rabbitmq.routing-key", "topic",
                    "ferry.outbox.rabbitmq.confirm-timeout", "5s",
                    "ferry.outbox.rabbitmq.connection-name", "ferry-test-configured"));
            OutboxEngine engine = engine(info, publisher);
            MessageStream stream = new MessageStream("ticks", KEYS);
            try (Connection c = local.newConnection("ferry-test-consumer")) {
                Channel ch = c.createChannel();
                ch.basicQos(200);
                ch.basicConsume(queue, false, (tag, delivery) -> {
                    AMQP.BasicProperties props = delivery.getProperties();
                    stream.received(RabbitMqInbound.messageId(props),
                            RabbitMqInbound.header(props, FerryHeaders.MESSAGE_KEY),
                            RabbitMqInbound.header(props, "index"));
                    ch.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                }, tag -> { });
                engine.start();
                stream.publishAndConsumeAll(fx, engine.outbox(), MESSAGES, "rabbitmq from keys");
                assertEquals(0, stream.duplicates(), "messages delivered twice");
            }
        } finally {
            try (Connection c = local.newConnection("ferry-test-teardown"); Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            }
        }
    }

    @Test
    void kafkaFromKeysDeliversEveryMessageOnceToTheMappedTopicWithTheExtraProperties(TestInfo info)
            throws Exception {
        kafka = KafkaBroker.start(dir);
        String topic = "shop.ticks.v1";
        kafka.createTopic(topic, 4);
        MessagePublisher publisher = ConfiguredPublishers.of("kafka", Map.of(
                "ferry.outbox.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ferry.outbox.kafka.topic.ticks", topic,
                "ferry.outbox.kafka.delivery-timeout", "10s",
                "ferry.outbox.kafka.request-timeout", "3s",
                "ferry.outbox.kafka.max-block", "3s",
                "ferry.outbox.kafka.properties.compression.type", "gzip",
                "ferry.outbox.kafka.properties.client.id", "ferry-test-configured"));
        OutboxEngine engine = engine(info, publisher);
        MessageStream stream = new MessageStream("ticks", KEYS);
        consumer = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", ByteArrayDeserializer.class.getName(), "enable.auto.commit", "false",
                    "auto.offset.reset", "earliest"))) {
                List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                while (!stopConsumer.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        stream.received(KafkaInbound.messageId(r), r.key(), KafkaInbound.header(r, "index"));
                    }
                }
            } catch (RuntimeException e) {
                stream.problem("consumer failed: " + e);
            }
        }, "kafka-consumer");
        consumer.start();
        engine.start();
        stream.publishAndConsumeAll(fx, engine.outbox(), MESSAGES, "kafka from keys");
        assertEquals(0, stream.duplicates(), "messages delivered twice");
    }
}

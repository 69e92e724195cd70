package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqInbound;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisher;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisherConfig;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The RabbitMQ publisher against the real local RabbitMQ, over PostgreSQL: a stream of 10,000
 * messages on 100 keys; the same with RabbitMQ stopped for longer than a message's whole backoff
 * schedule and started again ({@code rabbitmqctl stop_app / start_app}); returned or refused
 * messages failing until dead; and the headers a consumer receives.
 */
class RabbitMqPublisherTest {

    private static final int MESSAGES = 10_000;
    private static final int KEYS = 100;

    OutboxFixture fx;
    String exchange;
    String queue;
    Connection consumerConnection;

    @BeforeAll
    static void requireRabbitMq() {
        LocalRabbitMq.requireRunning();
    }

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        String name = info.getTestMethod().orElseThrow().getName();
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "rabbit_" + name);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        exchange = "ferry.test." + suffix;
        queue = "ferry.test.q." + suffix;
        try (Connection c = LocalRabbitMq.connectionFactory().newConnection("ferry-test-setup");
             Channel ch = c.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "#");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (consumerConnection != null && consumerConnection.isOpen()) {
                consumerConnection.abort();
            }
            try (Connection c = LocalRabbitMq.connectionFactory().newConnection("ferry-test-teardown");
                 Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            }
        } finally {
            fx.close();
        }
    }

    private OutboxEngine engine(RabbitMqPublisher publisher, int maxAttempts) {
        return fx.engine(fx.settings().relayThreads(2).batchSize(200).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).maxAttempts(maxAttempts)
                .retention(Duration.ofHours(1)).build(), publisher);
    }

    /** Three attempts, 100 ms doubling to 400 ms: a message's whole schedule is well under a second. */
    private OutboxEngine outageEngine(RabbitMqPublisher publisher) {
        return fx.engine(fx.settings().relayThreads(2).batchSize(200).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(400)).maxAttempts(3).relayId("rabbitmq-outage")
                .retention(Duration.ofHours(1)).build(), publisher);
    }

    private RabbitMqPublisher publisher() {
        return new RabbitMqPublisher(RabbitMqPublisherConfig.builder(LocalRabbitMq.connectionFactory())
                .exchange(m -> m.topic().equals("ticks") ? exchange : m.topic())
                .confirmTimeout(Duration.ofSeconds(5))
                .connectionName("ferry-test-publisher").build());
    }

    @Test
    void tenThousandMessagesOnHundredKeysArriveInKeyOrder() throws Exception {
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume(stream);
        OutboxEngine engine = engine(publisher(), 1000).start();

        stream.publishAndConsumeAll(fx, engine.outbox(), MESSAGES, "rabbitmq");
    }

    @Test
    void brokerDownLongerThanTheBackoffScheduleCostsNoAttemptsAndLosesNothing() throws Exception {
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume(stream);
        OutboxEngine engine = outageEngine(publisher()).start();
        stream.surviveOutage(fx, engine, MESSAGES, "rabbitmq outage", "RabbitMQ", "stop_app, 5 s, start_app",
                () -> MessageStream.outage(fx, Duration.ofSeconds(5), LocalRabbitMq::stopApp,
                        LocalRabbitMq::startApp));
    }

    @Test
    void returnedAndRefusedMessagesFailUntilDeadWhileOtherKeysGoOn() throws Exception {
        String unbound = exchange + ".unbound";
        try (Connection c = LocalRabbitMq.connectionFactory().newConnection("ferry-test-setup");
             Channel ch = c.createChannel()) {
            ch.exchangeDeclare(unbound, BuiltinExchangeType.DIRECT, false, true, null);
        }
        MessageStream stream = new MessageStream("ticks", 1);
        consume(stream);
        OutboxEngine engine = engine(new RabbitMqPublisher(RabbitMqPublisherConfig
                .builder(LocalRabbitMq.connectionFactory())
                .exchange(m -> switch (m.topic()) {
                    case "ticks" -> exchange;
                    case "unrouted" -> unbound;
                    default -> exchange + ".missing";
                }).confirmTimeout(Duration.ofSeconds(5)).build()), 2);
        fx.inTransaction(() -> {
            engine.outbox().publish(OutboxMessage.builder("unrouted").key("k-returned").jsonPayload("{}").build());
            engine.outbox().publish(OutboxMessage.builder("nowhere").key("k-refused").jsonPayload("{}").build());
            return null;
        });
        stream.write(fx, engine.outbox(), 0, 20, 20);
        engine.start(); // all 22 are claimed together, so the bad ones share batches with the good ones

        Await.until(Duration.ofSeconds(60), "two dead messages", () -> engine.admin().deadMessages(10).size() == 2);
        Await.until(Duration.ofSeconds(60), "20 good messages consumed", () -> stream.distinctCount() == 20);
        stream.assertIntact(20);
        List<DeadMessage> dead = engine.admin().deadMessages(10).stream()
                .sorted(Comparator.comparing(DeadMessage::key)).collect(Collectors.toList());
        System.out.println("[rabbitmq] dead: " + dead);
        assertEquals("k-refused", dead.get(0).key());
        assertEquals(2, dead.get(0).attempts());
        assertTrue(dead.get(0).lastError().contains("no exchange '" + exchange + ".missing'"), dead.get(0).lastError());
        assertEquals("k-returned", dead.get(1).key());
        assertTrue(dead.get(1).lastError().contains("312 NO_ROUTE"), dead.get(1).lastError());
        assertEquals(2, dead.get(1).attempts());
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox WHERE topic = 'ticks' AND attempts > 0"),
                "the other keys' messages were never failed by the bad ones");
    }

    private void consume(MessageStream stream) throws Exception {
        ConnectionFactory f = LocalRabbitMq.connectionFactory();
        f.setNetworkRecoveryInterval(500);
        consumerConnection = f.newConnection("ferry-test-consumer");
        Channel ch = consumerConnection.createChannel();
        ch.basicQos(500);
        ch.basicConsume(queue, false, (tag, delivery) -> {
            AMQP.BasicProperties props = delivery.getProperties();
            if (!"Tick".equals(props.getType()) || !"ticks".equals(RabbitMqInbound.header(props, FerryHeaders.TOPIC))
                    || props.getDeliveryMode() != 2) {
                stream.problem("message without type, topic header or persistence: " + props);
            }
            stream.received(RabbitMqInbound.messageId(props), delivery.getEnvelope().getRoutingKey(),
                    RabbitMqInbound.header(props, "index"));
            ch.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, tag -> { });
    }

    @Test
    void consumersReceiveExactlyTheHeadersOfTheTable() throws Exception {
        OutboxEngine engine = engine(publisher(), 1).start();
        HeaderTable.Written written = HeaderTable.write(fx, engine.outbox(), "ticks");
        List<GetResponse> received = new ArrayList<>();
        try (Connection c = LocalRabbitMq.connectionFactory().newConnection("ferry-test-headers");
             Channel ch = c.createChannel()) {
            Await.until(Duration.ofSeconds(30), "both messages", () -> {
                try {
                    GetResponse r = ch.basicGet(queue, true);
                    if (r != null) {
                        received.add(r);
                    }
                    return received.size() == 2;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        for (GetResponse r : received) {
            AMQP.BasicProperties props = r.getProps();
            String id = RabbitMqInbound.messageId(props);
            Map<String, String> ferry = new HashMap<>();
            props.getHeaders().forEach((name, value) -> {
                if (FerryHeaders.isReserved(name)) {
                    ferry.put(name, value.toString());
                }
            });
            HeaderTable.assertFerryHeaders(written, id, ferry, name -> name);
            assertEquals(id, props.getMessageId());
            assertEquals(ferry.get(FerryHeaders.CONTENT_TYPE), props.getContentType());
            assertEquals(ferry.get(FerryHeaders.MESSAGE_TYPE), props.getType());
            assertEquals("ferry", props.getAppId());
            assertEquals(2, props.getDeliveryMode());
            assertEquals(Instant.parse(ferry.get(FerryHeaders.CREATED_AT)).getEpochSecond(),
                    props.getTimestamp().toInstant().getEpochSecond());
            boolean keyed = id.equals(written.keyed().toString());
            assertEquals(keyed ? HeaderTable.TENANT : null, RabbitMqInbound.header(props, "tenant"));
            assertEquals(keyed ? HeaderTable.KEY : "", r.getEnvelope().getRoutingKey());
        }
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.outbox.inbox.InboxSettings;
import dev.ferry.outbox.publish.jms.JmsInbound;
import dev.ferry.outbox.publish.jms.JmsPublisher;
import dev.ferry.outbox.publish.jms.JmsPublisherConfig;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMS publisher against a real, persistent ActiveMQ Artemis broker embedded in the test JVM,
 * over PostgreSQL: a stream of 10,000 messages on 100 keys; the broker stopped in the middle of one
 * for longer than a message's whole backoff schedule and started again; a consumer that receives
 * every message twice through the inbox, applying each once; and the headers a consumer receives.
 */
class JmsPublisherTest {

    private static final int MESSAGES = 10_000;
    private static final int KEYS = 100;

    @TempDir
    Path dir;
    EmbeddedArtemis artemis;
    OutboxFixture fx;
    final AtomicBoolean stopConsumer = new AtomicBoolean();
    Thread consumer;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        artemis = new EmbeddedArtemis(dir);
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "jms_" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void tearDown() throws Exception {
        stopConsumer.set(true);
        if (consumer != null) {
            consumer.join(10_000);
        }
        try {
            fx.close();
        } finally {
            artemis.close();
        }
    }

    private OutboxEngine engine() {
        return engine(true);
    }

    private OutboxEngine engine(boolean asyncSend) {
        JmsPublisher publisher = new JmsPublisher(JmsPublisherConfig.builder(artemis.connectionFactory())
                .destinationName(m -> "ferry." + m.topic()).asyncSend(asyncSend).sendTimeout(Duration.ofSeconds(5))
                .build());
        return fx.engine(fx.settings().relayThreads(2).batchSize(200).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).maxAttempts(1000)
                .retention(Duration.ofHours(1)).build(), publisher);
    }

    @Test
    void tenThousandMessagesOnHundredKeysArriveInKeyOrder() throws Exception {
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume("ferry.ticks", stream);
        OutboxEngine engine = engine().start();

        stream.publishAndConsumeAll(fx, engine.outbox(), MESSAGES, "jms");
    }

    @Test
    void synchronousSendsAsInAContainerKeepKeyOrderToo() throws Exception {
        int messages = 1_000;
        MessageStream stream = new MessageStream("ticks", KEYS);
        consume("ferry.ticks", stream);
        OutboxEngine engine = engine(false).start();
        long t0 = System.nanoTime();
        stream.write(fx, engine.outbox(), 0, messages, 500);
        Await.until(Duration.ofSeconds(120), messages + " messages consumed", () -> stream.distinctCount() >= messages);
        System.out.printf("[jms sync] %d messages consumed after %d ms%n", messages,
                (System.nanoTime() - t0) / 1_000_000);
        stream.assertIntact(messages);
    }

    @Test
    void brokerDownLongerThanTheBackoffScheduleCostsNoAttemptsAndLosesNothing() throws Exception {
        int messages = 4_000;
        MessageStream stream = new MessageStream("ticks", KEYS);
        JmsPublisher publisher = new JmsPublisher(JmsPublisherConfig.builder(artemis.connectionFactory())
                .destinationName(m -> "ferry." + m.topic()).sendTimeout(Duration.ofSeconds(5)).build());
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(2).batchSize(200)
                .pollInterval(Duration.ofMillis(200)).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .maxAttempts(3).relayId("jms-outage")
                .retention(Duration.ofHours(1)).build(), publisher).start();
        try (RelayLog log = new RelayLog()) {
            Thread writer = stream.trickle(fx, engine.outbox(), messages);
            Await.until(Duration.ofSeconds(60), "a third of the stream published",
                    () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'") >= messages / 3);
            long down = System.nanoTime();
            MessageStream.outage(fx, Duration.ofSeconds(5), artemis::stop, artemis::start);
            long up = System.nanoTime();
            writer.join();
            MessageStream.assertOutageCostNothing(fx, engine, log, "Artemis");
            consume("ferry.ticks", stream); // the messages confirmed before the stop survived it: they are persistent
            Await.until(Duration.ofSeconds(120), messages + " messages consumed after the restart",
                    () -> stream.distinctCount() >= messages);
            System.out.printf("[jms outage] Artemis down %d ms, %d messages retried, all %d consumed, %d duplicates%n",
                    (up - down) / 1_000_000, fx.count("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL"),
                    messages, stream.duplicates());
            stream.assertIntact(messages);
            MessageStream.assertOutageCostNothing(fx, engine, log, "Artemis");
        }
    }

    @Test
    void inboxAppliesEachMessageOnceThoughEveryMessageIsDeliveredTwice() throws Exception {
        int messages = 200;
        fx.execute("CREATE TABLE shipment (message_id VARCHAR(36) PRIMARY KEY, tick INT NOT NULL)");
        InboxEngine inboxes = InboxEngine.builder().environment(fx.env).createTables(true)
                .settings(InboxSettings.builder().schema(fx.schema.schema()).consumer("shipping").build()).build();
        Inbox inbox = inboxes.inbox();
        MessageStream stream = new MessageStream("ticks", 10);
        OutboxEngine engine = engine().start();
        stream.write(fx, engine.outbox(), 0, messages, 100);

        AtomicInteger handled = new AtomicInteger();
        List<Boolean> firstPass = new ArrayList<>();
        List<Boolean> secondPass = new ArrayList<>();
        try (JMSContext context = artemis.connectionFactory().createContext(JMSContext.CLIENT_ACKNOWLEDGE);
             JMSConsumer jms = context.createConsumer(context.createQueue("ferry.ticks"))) {
            for (List<Boolean> pass : List.of(firstPass, secondPass)) {
                Message last = null;
                for (int i = 0; i < messages; i++) {
                    Message m = jms.receive(30_000);
                    assertTrue(m != null, "message " + i + " of the pass arrived");
                    last = m;
                    pass.add(fx.inTransaction(() -> JmsInbound.receive(inbox, m, () -> {
                        handled.incrementAndGet();
                        try (Connection c = fx.env.dataSource().getConnection();
                             PreparedStatement ps = c.prepareStatement("INSERT INTO shipment VALUES (?, ?)")) {
                            ps.setString(1, JmsInbound.messageId(m));
                            ps.setInt(2, Integer.parseInt(((TextMessage) m).getText().replaceAll("\\D", "")));
                            ps.executeUpdate();
                        }
                    })));
                }
                if (pass == firstPass) {
                    context.recover(); // as if the consumer crashed before acknowledging: all come again
                } else {
                    last.acknowledge();
                }
            }
        } finally {
            inboxes.close();
        }
        System.out.printf("[jms inbox] %d messages delivered twice: handler ran %d times, %d rows%n", messages,
                handled.get(), fx.count("SELECT COUNT(*) FROM shipment"));
        assertEquals(messages, firstPass.stream().filter(b -> b).count(), "first deliveries handled");
        assertEquals(0, secondPass.stream().filter(b -> b).count(), "redeliveries skipped");
        assertEquals(messages, handled.get());
        assertEquals(messages, fx.count("SELECT COUNT(*) FROM shipment"));
        assertEquals(messages, fx.count("SELECT COUNT(*) FROM ferry_inbox WHERE consumer = 'shipping'"));
    }

    private void consume(String queue, MessageStream stream) {
        ActiveMQConnectionFactory factory = artemis.connectionFactory();
        consumer = new Thread(() -> {
            try (JMSContext context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                 JMSConsumer jms = context.createConsumer(context.createQueue(queue))) {
                while (!stopConsumer.get()) {
                    Message m = jms.receive(200);
                    if (m == null) {
                        continue;
                    }
                    String key = m.getStringProperty(FerryHeaders.JMS_MESSAGE_KEY);
                    if (!"Tick".equals(m.getJMSType()) || !"ticks".equals(m.getStringProperty(FerryHeaders.JMS_TOPIC))
                            || !key.equals(m.getStringProperty("JMSXGroupID")) || !(m instanceof TextMessage)) {
                        stream.problem("message without type, topic, group or text: " + m);
                    }
                    stream.received(JmsInbound.messageId(m), key, m.getStringProperty("index"));
                }
            } catch (Exception e) {
                stream.problem("consumer failed: " + e);
            }
        }, "jms-consumer");
        consumer.start();
    }

    @Test
    void consumersReceiveExactlyTheHeadersOfTheTable() throws Exception {
        OutboxEngine engine = engine().start();
        HeaderTable.Written written = HeaderTable.write(fx, engine.outbox(), "headers");
        try (JMSContext context = artemis.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer jms = context.createConsumer(context.createQueue("ferry.headers"))) {
            for (int i = 0; i < 2; i++) {
                Message m = jms.receive(30_000);
                assertTrue(m != null, "message " + i + " arrived");
                String id = JmsInbound.messageId(m);
                Map<String, String> ferry = new HashMap<>();
                for (String name : Collections.list((Enumeration<?>) m.getPropertyNames()).stream()
                        .map(Object::toString).toList()) {
                    if (FerryHeaders.isReserved(name)) {
                        ferry.put(name, m.getStringProperty(name));
                    }
                }
                HeaderTable.assertFerryHeaders(written, id, ferry, FerryHeaders::jmsPropertyName);
                boolean keyed = id.equals(written.keyed().toString());
                assertEquals(keyed ? HeaderTable.TYPE : null, m.getJMSType());
                assertEquals(keyed ? HeaderTable.KEY : null, m.getStringProperty("JMSXGroupID"));
                assertEquals(keyed ? HeaderTable.TENANT : null, m.getStringProperty("tenant"));
                assertTrue(keyed ? m instanceof TextMessage : m instanceof BytesMessage, "JSON as text, else bytes");
            }
        }
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.PayloadSerializationException;
import dev.ferry.outbox.PayloadTooLargeException;
import dev.ferry.outbox.config.DeadMessagePolicy;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.outbox.observe.OutboxFigures;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The outbox contracts of DESIGN.md, run against each real database by a subclass. */
abstract class OutboxContractTest {

    record OrderPlaced(String orderId, long cents, LocalDate day) {
    }

    /** Jackson cannot serialize this: its getter throws. */
    static final class Unserializable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    abstract TestDatabase database();

    /** @return a query for the id of the server connection it runs on */
    abstract String connectionIdQuery();

    /**
     * Ends a server connection from another one, as a database restart would, and waits until it is gone.
     *
     * @param id what {@link #connectionIdQuery()} returned on it
     * @throws Exception if the database refused
     */
    abstract void cutConnection(long id) throws Exception;

    /** @return what Narayana throws from {@code commit()} when the transaction's connection is gone */
    abstract Class<? extends Exception> commitFailureOfACutConnection();

    OutboxFixture fx;
    RecordingListener listener;

    @BeforeEach
    void setUp(TestInfo info) {
        fx = new OutboxFixture(database(), "outbox_" + info.getTestMethod().orElseThrow().getName());
        listener = new RecordingListener();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private OutboxEngine engine() {
        return fx.engine(fx.settings().pollInterval(Duration.ofMillis(200)).build(), new InProcessPublisher(listener));
    }

    @Test
    void committedMessagesArePublishedExactlyAsWritten() throws Exception {
        OutboxEngine engine = engine();
        Outbox outbox = engine.outbox();
        byte[] raw = {1, 2, 3, 0, (byte) 255};
        List<UUID> ids = fx.inTransaction(() -> List.of(
                outbox.publish(OutboxMessage.builder("orders").key("o-1").type("OrderPlaced")
                        .payload(new OrderPlaced("o-1", 1999, LocalDate.of(2026, 11, 23)))
                        .header("tenant", "acme").header("trace", "t-1").build()),
                outbox.publish(OutboxMessage.builder("orders").key("o-1").jsonPayload("{\"shipped\":true}").build()),
                outbox.publish(OutboxMessage.builder("files").payload(raw).build()),
                outbox.publish("orders", "o-2", Map.of("n", 1))));
        engine.start();
        Await.until(Duration.ofSeconds(20), "4 messages delivered", () -> listener.size() == 4);

        List<OutgoingMessage> got = listener.received();
        assertEquals(ids, got.stream().map(OutgoingMessage::id).collect(Collectors.toList()));
        OutgoingMessage first = got.get(0);
        assertEquals("orders", first.topic());
        assertEquals("o-1", first.key());
        assertEquals("OrderPlaced", first.type());
        assertEquals("application/json", first.contentType());
        assertEquals("{\"orderId\":\"o-1\",\"cents\":1999,\"day\":\"2026-11-23\"}", first.payloadAsString());
        assertEquals(Map.of("tenant", "acme", "trace", "t-1"), first.headers());
        assertEquals(1, first.attempt());
        assertEquals("{\"shipped\":true}", got.get(1).payloadAsString());
        assertEquals("files", got.get(2).topic());
        assertEquals("application/octet-stream", got.get(2).contentType());
        assertArrayEquals(raw, got.get(2).payload());
        assertEquals("{\"n\":1}", new String(got.get(3).payload(), StandardCharsets.UTF_8));
        assertNull(got.get(3).type(), "a JDK map names no type (not Map1)");
        Await.until(Duration.ofSeconds(10), "delivered rows deleted",
                () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox") == 0);
    }

    @Test
    void rolledBackTransactionLeavesNoMessage() throws Exception {
        OutboxEngine engine = engine();
        fx.env.userTransaction().begin();
        engine.outbox().publish("orders", "o-1", Map.of("n", 1));
        fx.env.userTransaction().rollback();

        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
        assertFalse(engine.relay().relayOnce(), "the relay found nothing to publish");
        assertEquals(0, listener.size());
    }

    @Test
    void publishingWithoutTransactionIsRefused() throws Exception {
        OutboxEngine engine = engine();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> engine.outbox().publish("orders", "o-1", Map.of("n", 1)));
        assertTrue(e.getMessage().contains("needs an active JTA transaction"), e.getMessage());
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
    }

    /**
     * A JVM that only writes builds its engine without a publisher and never starts it; another JVM's
     * relay (here a second engine on the same table) publishes what it wrote.
     */
    @Test
    void anEngineWithoutPublisherOnlyWritesAndAnotherRelayPublishes() throws Exception {
        OutboxEngine writer = fx.engine(fx.settings().backoff(Duration.ofMillis(100), Duration.ofMillis(200)).build(),
                null);
        UUID id = fx.inTransaction(() -> writer.outbox().publish("orders", "o-1", Map.of("n", 1)));
        assertEquals(List.of("o-1 0 PENDING"), fx.rows("SELECT msg_key, attempts, status FROM outbox"));
        IllegalStateException e = assertThrows(IllegalStateException.class, writer::start);
        assertTrue(e.getMessage().contains("built without a publisher, so it only writes"), e.getMessage());
        assertTrue(writer.relay().relayOnce(), "a batch handed to its relay anyway");
        assertEquals(List.of("o-1 0 PENDING"), fx.rows("SELECT msg_key, attempts, status FROM outbox"),
                "fails as an unavailable broker: no attempt counted");
        assertEquals(1, writer.admin().pendingCount());

        engine().start();
        Await.until(Duration.ofSeconds(20), "the other relay published it", () -> listener.size() == 1);
        assertEquals(id, listener.received().get(0).id());
        assertTrue(writer.stop(Duration.ofSeconds(5)), "a write-only engine stops at once");
    }

    /**
     * The database drops the transaction's connection after its last statement, before the commit:
     * the business row and the message, written on that one connection, are both gone, whatever
     * {@code commit()} reports (README, "A commit during a database outage"). Run again, the
     * transaction publishes its message once.
     */
    @Test
    void aCommitWhoseConnectionWasCutLeavesNeitherTheRowNorItsMessage() throws Exception {
        OutboxEngine engine = engine();
        fx.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY)");
        fx.env.userTransaction().begin();
        long connection;
        try (Connection c = fx.env.dataSource().getConnection();
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO orders (id) VALUES ('o-1')");
            try (ResultSet rs = st.executeQuery(connectionIdQuery())) {
                rs.next();
                connection = rs.getLong(1);
            }
        }
        engine.outbox().publish("orders", "o-1", Map.of("n", 1));
        cutConnection(connection);
        Exception e = assertThrows(Exception.class, () -> fx.env.userTransaction().commit());
        assertEquals(commitFailureOfACutConnection(), e.getClass(), e.toString());
        assertFalse(fx.env.transactions().hasTransaction(), "the thread is left without a transaction");
        assertEquals(0, fx.count("SELECT COUNT(*) FROM orders"));
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));

        UUID id = fx.inTransaction(() -> {
            try (Connection c = fx.env.dataSource().getConnection();
                 Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO orders (id) VALUES ('o-1')");
            }
            return engine.outbox().publish("orders", "o-1", Map.of("n", 1));
        });
        engine.start();
        Await.until(Duration.ofSeconds(20), "the message of the transaction run again", () -> listener.size() == 1);
        assertEquals(id, listener.received().get(0).id());
    }

    @Test
    void unserializablePayloadThrowsAndWritesNothing() throws Exception {
        OutboxEngine engine = engine();
        fx.env.userTransaction().begin();
        PayloadSerializationException e = assertThrows(PayloadSerializationException.class,
                () -> engine.outbox().publish("orders", "o-1", new Unserializable()));
        assertTrue(e.getMessage().contains("Unserializable") && e.getMessage().contains("'orders'"), e.getMessage());
        PayloadSerializationException badJson = assertThrows(PayloadSerializationException.class,
                () -> engine.outbox().publish(OutboxMessage.builder("orders").jsonPayload("{not json").build()));
        assertTrue(badJson.getMessage().contains("JSON"), badJson.getMessage());
        fx.env.userTransaction().commit(); // the caller may still commit its other work
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void aPayloadOverMaxPayloadBytesIsRefusedNamingSizeAndLimitAndWritesNothing() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().maxPayloadBytes(1000).build(), new InProcessPublisher(listener));
        Outbox outbox = engine.outbox();
        fx.env.userTransaction().begin();
        PayloadTooLargeException bytes = assertThrows(PayloadTooLargeException.class,
                () -> outbox.publish(OutboxMessage.builder("files").payload(new byte[1001]).build()));
        assertEquals("The payload of a message to topic 'files' is 1001 bytes, over the outbox's limit of 1000 bytes"
                + " (setting maxPayloadBytes, key ferry.outbox.max-payload-bytes); no message was written",
                bytes.getMessage());
        assertEquals(1001, bytes.size());
        assertEquals(1000, bytes.limit());
        // 500 characters of 'é' are 1000 bytes of UTF-8 plus the quotes: measured as stored, not as chars
        String json = "\"" + "é".repeat(500) + "\"";
        PayloadTooLargeException text = assertThrows(PayloadTooLargeException.class,
                () -> outbox.publish(OutboxMessage.builder("orders").jsonPayload(json).build()));
        assertEquals(1002, text.size());
        PayloadTooLargeException object = assertThrows(PayloadTooLargeException.class,
                () -> outbox.publish("orders", "o-1", Map.of("note", "x".repeat(1000))));
        assertEquals(1011, object.size(), object.getMessage());
        UUID fits = outbox.publish(OutboxMessage.builder("files").payload(new byte[1000]).build());
        fx.env.userTransaction().commit(); // the caller may still commit its other work
        assertEquals(1, fx.count("SELECT COUNT(*) FROM outbox"));
        engine.start();
        Await.until(Duration.ofSeconds(20), "the message that fits delivered", () -> listener.size() == 1);
        assertEquals(fits, listener.received().get(0).id());
        assertEquals(1000, listener.received().get(0).payload().length);
    }

    @Test
    void relayIsWokenByTheCommitNotThePoll() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().pollInterval(Duration.ofHours(1)).build(),
                new InProcessPublisher(listener));
        engine.start();
        Thread.sleep(300); // the relay has polled once and now sleeps for an hour unless woken
        fx.inTransaction(() -> engine.outbox().publish("orders", "o-1", Map.of("n", 1)));
        Await.until(Duration.ofSeconds(20), "the commit to wake the relay", () -> listener.size() == 1);
    }

    @Test
    void backlogFiguresCountPendingAndDeadMessagesAndAgeTheOldestPendingOne() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().build(), new InProcessPublisher(listener), clock);
        OutboxFigures empty = engine.observer().read();
        assertEquals(new OutboxFigures(0, Duration.ZERO, 0), empty);
        Instant first = clock.instant();
        UUID dead = fx.inTransaction(() -> engine.outbox().publish("orders", "a", 1));
        clock.advance(Duration.ofSeconds(10));
        fx.inTransaction(() -> engine.outbox().publish("orders", "b", 2));
        clock.advance(Duration.ofSeconds(10));
        fx.inTransaction(() -> engine.outbox().publish("orders", "c", 3));
        fx.execute("UPDATE outbox SET status = 'DEAD' WHERE id = '" + dead + "'");
        clock.advance(Duration.ofSeconds(40));

        OutboxFigures figures = engine.observer().read();
        assertEquals(2, figures.pending(), figures.toString());
        assertEquals(1, figures.dead(), figures.toString());
        assertEquals(Duration.between(first.plusSeconds(10), clock.instant()).toMillis(),
                figures.oldestPendingAge().toMillis(), 1, "the oldest pending is b, written 50 s ago: " + figures);
    }

    @Test
    void deliverAfterHoldsMessageAndItsKeyUntilDue() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().build(), new InProcessPublisher(listener), clock);
        fx.inTransaction(() -> {
            engine.outbox().publish(OutboxMessage.builder("orders").key("k").payload(1)
                    .deliverAfter(clock.instant().plusSeconds(60)).build());
            engine.outbox().publish("orders", "k", 2);
            return engine.outbox().publish("orders", "other", 3);
        });
        assertTrue(engine.relay().relayOnce());
        assertEquals(List.of("other"), listener.received().stream().map(OutgoingMessage::key).toList());
        clock.advance(Duration.ofSeconds(61));
        assertTrue(engine.relay().relayOnce());
        assertEquals(List.of("other", "k", "k"), listener.received().stream().map(OutgoingMessage::key).toList());
        assertEquals(List.of("1", "2"),
                listener.received().subList(1, 3).stream().map(OutgoingMessage::payloadAsString).toList());
    }

    @Test
    void aPublisherThatHangsIsAbandonedAfterThePublishTimeoutAndItsKeyGoesOnAfterTheBackoff() throws Exception {
        MutableClock clock = new MutableClock();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean hang = new AtomicBoolean(true);
        InProcessPublisher inner = new InProcessPublisher(listener);
        MessagePublisher publisher = (batch, report) -> {
            if (!hang.getAndSet(false)) {
                inner.publish(batch, report);
                return;
            }
            for (OutgoingMessage m : batch) {
                if (m.key().equals("other")) {
                    listener.onMessage(m);
                    report.delivered(m);
                }
            }
            while (true) { // hangs, and ignores the interrupt, until the test ends
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            }
            batch.forEach(report::delivered); // too late: ignored
        };
        OutboxEngine engine = fx.engine(fx.settings().leaseDuration(Duration.ofSeconds(10))
                .publishTimeout(Duration.ofMillis(500)).build(), publisher, clock);
        fx.inTransaction(() -> {
            engine.outbox().publish("t", "k", 0);
            engine.outbox().publish("t", "k", 1);
            return engine.outbox().publish("t", "other", 2);
        });
        try {
            assertTrue(engine.relay().relayOnce());
            assertTrue(interrupted.await(20, TimeUnit.SECONDS), "the hung call was interrupted");
            assertEquals(List.of("2"), listener.received().stream().map(OutgoingMessage::payloadAsString).toList());
            assertEquals(List.of("1|PENDING|the publisher did not return within publishTimeout (PT0.5S)", "0|PENDING|"),
                    fx.strings("SELECT CONCAT(CONCAT(CONCAT(CONCAT(attempts, '|'), status), '|'),"
                            + " COALESCE(last_error, '')) FROM outbox ORDER BY seq").stream()
                            .map(r -> r.replace("java.util.concurrent.TimeoutException: ", "")
                                    .replace("; the call was interrupted and abandoned", ""))
                            .toList(), "the first of the key failed with an attempt; the second was not tried");
            assertFalse(engine.relay().relayOnce(), "the key waits for its backoff");
            clock.advance(Duration.ofSeconds(2));
            assertTrue(engine.relay().relayOnce());
            assertEquals(List.of("2", "0", "1"), listener.received().stream().map(OutgoingMessage::payloadAsString)
                    .toList());
            assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void failingKeyBacksOffGoesDeadAndHoldsOnlyItsKeyUntilReplayed() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().maxAttempts(3)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .build(), new InProcessPublisher(listener), clock);
        listener.failWhen(m -> m.key().equals("bad"));
        fx.inTransaction(() -> {
            for (int i = 0; i < 5; i++) {
                engine.outbox().publish("t", "bad", i);
                engine.outbox().publish("t", "good", i);
            }
            return null;
        });
        engine.relay().relayOnce();
        assertEquals(5, listener.size(), "the good key flows");
        assertFalse(engine.relay().relayOnce(), "the bad key waits for its backoff");
        for (int attempt = 2; attempt <= 3; attempt++) {
            clock.advance(Duration.ofSeconds(10));
            assertTrue(engine.relay().relayOnce());
        }
        List<DeadMessage> dead = engine.admin().deadMessages(10);
        assertEquals(1, dead.size(), "HOLD_KEY: only the first message of the key goes dead, the rest wait");
        assertEquals(3, dead.get(0).attempts());
        assertTrue(dead.get(0).lastError().contains("refused by the test"), dead.get(0).lastError());
        assertEquals(4, engine.admin().pendingCount());
        clock.advance(Duration.ofMinutes(1));
        assertFalse(engine.relay().relayOnce(), "nothing of the held key is published while its head is dead");

        listener.failWhen(m -> false);
        assertEquals(1, engine.admin().replayAll());
        while (engine.relay().relayOnce()) {
            // drain
        }
        List<String> bad = listener.received().stream().filter(m -> m.key().equals("bad"))
                .map(OutgoingMessage::payloadAsString).toList();
        assertEquals(List.of("0", "1", "2", "3", "4"), bad);
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void anUnavailableBrokerCostsNoAttemptsAndPausesTheRelayUntilItAnswersAgain() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().maxAttempts(2)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(200)).relayId("outage-relay").build(),
                new InProcessPublisher(listener));
        listener.unavailableWhen(m -> true);
        fx.inTransaction(() -> {
            engine.outbox().publish("t", "a", 0);
            engine.outbox().publish("t", "b", 0);
            return engine.outbox().publish("t", "a", 1);
        });
        try (RelayLog log = new RelayLog()) {
            assertTrue(engine.relay().relayOnce(), "the first batch finds the broker unavailable");
            assertTrue(engine.relay().brokerUnavailable());
            assertFalse(engine.relay().relayOnce(), "the relay pauses its claims");
            for (int probe = 1; probe <= 4; probe++) { // twice maxAttempts
                Await.until(Duration.ofSeconds(10), "probe " + probe, () -> relayOnce(engine));
                assertTrue(engine.relay().brokerUnavailable(), "the probe found the broker unavailable again");
            }
            assertEquals(List.of("a 0 PENDING", "b 0 PENDING"), fx.rows("SELECT msg_key, attempts, status"
                    + " FROM outbox WHERE last_error LIKE '%the test broker is down%' ORDER BY seq"),
                    "no attempts counted; a's second message was never tried");
            assertEquals(0, listener.size());

            listener.unavailableWhen(m -> false);
            Await.until(Duration.ofSeconds(10), "a probe the broker answers", () -> relayOnce(engine));
            assertFalse(engine.relay().brokerUnavailable());
            assertEquals(List.of("a0", "b0", "a1"), listener.received().stream()
                    .map(m -> m.key() + m.payloadAsString()).toList());
            assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
            String lines = log.lines("outage-relay").toString();
            assertEquals(1, log.count("outage-relay", "broker unavailable since"), lines);
            assertEquals(1, log.count("outage-relay", "broker available again after"), lines);
            assertEquals(0, log.count("outage-relay", "not delivered"), "an outage is not logged per batch");
        }
    }

    @Test
    void aDestinationUnavailableWhileOthersAnswerCostsNoAttemptAndDoesNotPauseTheRelay() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().maxAttempts(1)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(200)).build(), new InProcessPublisher(listener));
        listener.unavailableWhen(m -> m.key().equals("down"));
        fx.inTransaction(() -> {
            engine.outbox().publish("t", "down", 0);
            engine.outbox().publish("t", "up", 0);
            return engine.outbox().publish("t", "up", 1);
        });
        assertTrue(engine.relay().relayOnce());
        assertFalse(engine.relay().brokerUnavailable(), "the broker answered the other messages");
        assertEquals(2, listener.size());
        assertEquals(List.of("down 0 PENDING"), fx.rows("SELECT msg_key, attempts, status FROM outbox"));
        listener.unavailableWhen(m -> false);
        Await.until(Duration.ofSeconds(10), "the message retried after initialBackoff", () -> relayOnce(engine));
        assertEquals(3, listener.size());
    }

    private static boolean relayOnce(OutboxEngine engine) {
        try {
            return engine.relay().relayOnce();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void continuePolicyParksEachMessageOfFailingKeyInOrderAndReplayDeliversThem() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().maxAttempts(2)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .deadMessagePolicy(DeadMessagePolicy.CONTINUE).build(), new InProcessPublisher(listener), clock);
        listener.failWhen(m -> m.key().equals("bad"));
        fx.inTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                engine.outbox().publish("t", "bad", i);
                engine.outbox().publish("t", "good", i);
            }
            return null;
        });
        for (int round = 0; round < 10; round++) {
            engine.relay().relayOnce();
            clock.advance(Duration.ofSeconds(2));
        }
        List<DeadMessage> dead = engine.admin().deadMessages(10);
        assertEquals(3, dead.size());
        assertEquals(List.of("bad", "bad", "bad"), dead.stream().map(DeadMessage::key).toList());
        assertEquals(3, listener.size(), "the good key was never held up");

        listener.failWhen(m -> false);
        assertTrue(engine.admin().replay(dead.get(0).id()));
        assertEquals(2, engine.admin().replayAll());
        while (engine.relay().relayOnce()) {
            // drain
        }
        assertEquals(List.of(dead.get(0).id(), dead.get(1).id(), dead.get(2).id()), listener.received().stream()
                .filter(m -> m.key().equals("bad")).map(OutgoingMessage::id).toList());
    }

    @Test
    void discardingDeadMessageReleasesItsKey() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().maxAttempts(1).build(), new InProcessPublisher(listener), clock);
        listener.failWhen(m -> m.payloadAsString().equals("0"));
        fx.inTransaction(() -> {
            engine.outbox().publish("t", "k", 0);
            return engine.outbox().publish("t", "k", 1);
        });
        engine.relay().relayOnce();
        DeadMessage dead = engine.admin().deadMessages(1).get(0);
        assertFalse(engine.relay().relayOnce());
        assertTrue(engine.admin().discard(dead.id()));
        assertFalse(engine.admin().discard(dead.id()), "already gone");
        assertTrue(engine.relay().relayOnce());
        assertEquals(List.of("1"), listener.received().stream().map(OutgoingMessage::payloadAsString).toList());
    }

    @Test
    void twoRelaysDeliverEveryMessageOnceInKeyOrder() throws Exception {
        int messages = 20_000;
        int keys = 500;
        OutboxEngine writer = fx.engine(fx.settings().relayId("writer").build(), new InProcessPublisher(listener));
        for (int tx = 0; tx < messages / 500; tx++) {
            int base = tx * 500;
            fx.inTransaction(() -> {
                for (int i = base; i < base + 500; i++) {
                    writer.outbox().publish("t", "key-" + (i % keys), i);
                }
                return null;
            });
        }
        OutboxEngine a = fx.engine(fx.settings().relayId("relay-a").relayThreads(2).batchSize(100).build(),
                new InProcessPublisher(listener));
        OutboxEngine b = fx.engine(fx.settings().relayId("relay-b").relayThreads(2).batchSize(100).build(),
                new InProcessPublisher(listener));
        long start = System.nanoTime();
        a.start();
        b.start();
        Await.until(Duration.ofMinutes(3), messages + " messages delivered", () -> listener.size() >= messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[%s] two relays x 2 threads delivered %d messages in %.2f s (%.0f msg/s); a=%d b=%d%n",
                database(), messages, seconds, messages / seconds, a.relay().publishedCount(),
                b.relay().publishedCount());

        assertEquals(messages, listener.size());
        assertEquals(0, listener.duplicates().size(), "no message twice in a run without crashes");
        assertEquals(Map.of(), listener.orderViolations());
        assertTrue(a.relay().publishedCount() > 0 && b.relay().publishedCount() > 0, "both relays took part");
        Await.until(Duration.ofSeconds(10), "table empty", () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox") == 0);
    }

    @Test
    void retainedRowsArePurgedInBatchesAfterTheRetention() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(
                fx.settings().retention(Duration.ofHours(1)).purge(Duration.ofHours(1), 7).build(),
                new InProcessPublisher(listener), clock);
        fx.inTransaction(() -> {
            for (int i = 0; i < 20; i++) {
                engine.outbox().publish("t", "k" + (i % 3), i);
            }
            return null;
        });
        while (engine.relay().relayOnce()) {
            // drain
        }
        assertEquals(20, listener.size());
        assertEquals(20, fx.count("SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'"));
        var purger = new dev.ferry.outbox.retention.RetentionPurger(fx.env.workerDataSource(),
                dev.ferry.runtime.sql.SqlDialects.detect(fx.env.workerDataSource()), engine.settings(), clock);
        assertFalse(purger.purgeOnce(), "nothing is older than the retention yet");
        assertEquals(20, fx.count("SELECT COUNT(*) FROM outbox"));
        clock.advance(Duration.ofMinutes(61));
        assertTrue(purger.purgeOnce());
        assertEquals(13, fx.count("SELECT COUNT(*) FROM outbox"));
        assertTrue(purger.purgeOnce());
        assertFalse(purger.purgeOnce());
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox"));
    }

    @Test
    void gracefulStopFinishesTheBatchInFlightAndLosesNothing() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().batchSize(50).build(), new InProcessPublisher(m -> {
            Thread.sleep(2);
            listener.onMessage(m);
        }));
        fx.inTransaction(() -> {
            for (int i = 0; i < 500; i++) {
                engine.outbox().publish("t", "k" + (i % 10), i);
            }
            return null;
        });
        engine.start();
        Await.until(Duration.ofSeconds(20), "some deliveries", () -> listener.size() > 60);
        engine.stop(Duration.ofSeconds(30));
        int delivered = listener.size();
        assertEquals(500 - delivered, fx.count("SELECT COUNT(*) FROM outbox"));

        RecordingListener second = new RecordingListener();
        OutboxEngine next = fx.engine(fx.settings().build(), new InProcessPublisher(second));
        while (next.relay().relayOnce()) {
            // drain
        }
        assertEquals(500, delivered + second.size());
        assertEquals(0, listener.duplicates().size() + second.duplicates().size());
    }

    @Test
    void writersAreNotHeldUpByABatchInFlight() throws Exception {
        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        OutboxEngine engine = fx.engine(fx.settings().pollInterval(Duration.ofMillis(200)).build(),
                new InProcessPublisher(m -> {
                    publishing.countDown();
                    assertTrue(finish.await(30, TimeUnit.SECONDS));
                    listener.onMessage(m);
                }));
        fx.inTransaction(() -> engine.outbox().publish("t", "k1", 1));
        engine.start();
        assertTrue(publishing.await(20, TimeUnit.SECONDS), "the relay took the batch");

        // The batch is locked until the relay commits; writers of its key and of others go on.
        CompletableFuture<Object> write = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.inTransaction(() -> List.of(engine.outbox().publish("t", "k1", 2),
                        engine.outbox().publish("t", "k2", 3)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        write.get(10, TimeUnit.SECONDS);
        finish.countDown();
        Await.until(Duration.ofSeconds(20), "3 messages delivered", () -> listener.size() == 3);
        List<String> k1 = listener.received().stream().filter(m -> "k1".equals(m.key()))
                .map(OutgoingMessage::payloadAsString).collect(Collectors.toList());
        assertEquals(List.of("1", "2"), k1);
    }

    @Test
    void aMessageCommittedAfterLaterOnesWerePublishedIsPublishedInKeyOrder() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().pollInterval(Duration.ofMillis(300)).build(),
                new InProcessPublisher(listener));
        engine.start();
        // This transaction writes first (the lowest sequence number) and commits last.
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.inTransaction(() -> {
                    engine.outbox().publish("t", "slow", 0);
                    written.countDown();
                    assertTrue(commit.await(30, TimeUnit.SECONDS));
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(written.await(10, TimeUnit.SECONDS));
        // Later messages are committed and published over several poll intervals, so the relay's
        // search for heads starts above the slow message by the time it commits.
        for (int i = 0; i < 12; i++) {
            int n = i;
            fx.inTransaction(() -> engine.outbox().publish("t", "k" + n, n));
            Thread.sleep(100);
        }
        Await.until(Duration.ofSeconds(20), "the later messages published", () -> listener.size() == 12);
        commit.countDown();
        slow.get(10, TimeUnit.SECONDS);
        fx.inTransaction(() -> engine.outbox().publish("t", "slow", 1));
        Await.until(Duration.ofSeconds(20), "the slow transaction's message and its follower",
                () -> listener.size() == 14);
        assertEquals(List.of("0", "1"), listener.received().stream().filter(m -> "slow".equals(m.key()))
                .map(OutgoingMessage::payloadAsString).toList());
    }

    @Test
    void messageIdsAreStableAcrossRetries() throws Exception {
        MutableClock clock = new MutableClock();
        OutboxEngine engine = fx.engine(fx.settings().build(), new InProcessPublisher(listener), clock);
        List<Integer> attempts = new ArrayList<>();
        listener.failWhen(m -> {
            attempts.add(m.attempt());
            return m.attempt() < 3;
        });
        UUID id = fx.inTransaction(() -> engine.outbox().publish("t", "k", "\"x\""));
        for (int i = 0; i < 3; i++) {
            engine.relay().relayOnce();
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(id, listener.received().get(0).id());
        assertNotNull(listener.received().get(0).createdAt());
        assertTrue(listener.received().get(0).createdAt().isBefore(Instant.now().plusSeconds(1)));
    }
}

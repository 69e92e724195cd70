package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.runtime.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream of keyed messages written through the outbox, and what a broker consumer received of it:
 * message {@code i} has key {@code key-(i % keys)} and header {@code index = i / keys}, so each
 * key's messages carry indexes 0, 1, 2, … in write order.
 */
final class MessageStream {

    /** What was written for one message id. */
    record Sent(String key, int index) {
    }

    /** One delivery a consumer saw. */
    record Received(String id, String key, int index) {
    }

    private final String topic;
    private final int keys;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new ArrayList<>();

    MessageStream(String topic, int keys) {
        this.topic = topic;
        this.keys = keys;
    }

    /**
     * Writes {@code messages} messages in transactions of 500, waits until the consumer saw every
     * one, prints the rate, checks that nothing is missing and each key came in order, and that
     * every row was delivered at its first attempt.
     *
     * @param label names the broker in the printed line
     */
    void publishAndConsumeAll(OutboxFixture fx, Outbox outbox, int messages, String label) throws Exception {
        long t0 = System.nanoTime();
        write(fx, outbox, 0, messages, 500);
        long written = System.nanoTime();
        Await.until(Duration.ofSeconds(180), messages + " messages consumed from " + label,
                () -> distinctCount() >= messages);
        long done = System.nanoTime();
        System.out.printf("[%s] %d messages on %d keys: written in %d ms, all consumed after %d ms (%.0f msg/s),"
                        + " %d duplicates%n", label, messages, keys, (written - t0) / 1_000_000,
                (done - t0) / 1_000_000, messages * 1e9 / (done - t0), duplicates());
        assertIntact(messages);
        Await.until(Duration.ofSeconds(30), "every row marked delivered",
                () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox WHERE status <> 'DELIVERED'") == 0);
        assertEquals(List.of(), fx.strings("SELECT msg_key || ' ' || attempts || ' ' || last_error FROM outbox"
                + " WHERE attempts > 0"), "failed attempts");
    }

    /** Takes a broker down and brings it back. */
    @FunctionalInterface
    interface Outage {
        /** @throws Exception if the broker could not be stopped or started */
        void stopAndStart() throws Exception;
    }

    /**
     * Trickles {@code messages} messages through the outbox, takes the broker down once a third of
     * them was consumed, waits until the consumer saw every one after the restart, prints what it
     * took, and checks that nothing is missing, each key came in order, and the outage cost nothing
     * (see {@link #assertOutageCostNothing}).
     *
     * @param label names the test in the printed line
     * @param broker names the broker in the printed line and the failure message
     * @param outage how the broker goes down and comes back, described in the printed line
     */
    void surviveOutage(OutboxFixture fx, OutboxEngine engine, int messages, String label, String broker, String how,
                       Outage outage) throws Exception {
        try (RelayLog log = new RelayLog()) {
            long t0 = System.nanoTime();
            Thread writer = trickle(fx, engine.outbox(), messages);
            Await.until(Duration.ofSeconds(120), "a third of the stream consumed",
                    () -> distinctCount() >= messages / 3);
            int before = distinctCount();
            long down = System.nanoTime();
            outage.stopAndStart();
            long up = System.nanoTime();
            writer.join();
            assertOutageCostNothing(fx, engine, log, broker);
            Await.until(Duration.ofSeconds(180), messages + " messages consumed after the restart",
                    () -> distinctCount() >= messages);
            long done = System.nanoTime();
            System.out.printf("[%s] stopped at %d consumed, %s down %d ms (%s), %d messages retried, all %d consumed"
                            + " %d ms after the restart, %d duplicates, total %d ms%n", label, before, broker,
                    (up - down) / 1_000_000, how, fx.count("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL"),
                    messages, (done - up) / 1_000_000, duplicates(), (done - t0) / 1_000_000);
            assertIntact(messages);
            Await.until(Duration.ofSeconds(30), "every row marked delivered",
                    () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox WHERE status <> 'DELIVERED'") == 0);
            assertOutageCostNothing(fx, engine, log, broker);
        }
    }

    /**
     * Takes the broker down for {@code outage}, at least until the relay failed to publish a message
     * (so it did try while the broker was down), then brings it back.
     *
     * @param fx the database of the relay that must see the outage
     * @param outage how long the broker stays down
     * @param stop takes it down
     * @param start brings it back
     */
    static void outage(OutboxFixture fx, Duration outage, Outage stop, Outage start) throws Exception {
        long deadline = System.nanoTime() + outage.toNanos();
        stop.stopAndStart();
        try {
            Await.until(Duration.ofSeconds(60), "the relay fails to publish", () -> fx.countUnchecked(
                    "SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL") > 0);
            long left = deadline - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000); // the outage's length, longer than a message's backoff schedule
            }
        } finally {
            start.stopAndStart();
        }
    }

    /**
     * Asserts that an outage cost nothing: no message went dead, no attempt was counted, the relay did
     * see the outage (messages failed with the broker's error and were retried), and it logged the
     * outage once when it began and once when it ended, not per batch.
     */
    static void assertOutageCostNothing(OutboxFixture fx, OutboxEngine engine, RelayLog log, String broker)
            throws Exception {
        assertNoAttemptCounted(fx, broker);
        assertTrue(fx.count("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL") > 0,
                "the relay saw failures while " + broker + " was down and retried");
        String relay = engine.settings().relayId();
        // The relay logs the outage's end just after its breaker closes: wait for both, not the flag alone.
        Await.until(Duration.ofSeconds(120), "the relay finds " + broker + " available again and says so",
                () -> !engine.relay().brokerUnavailable() && log.count(relay, "broker available again after") > 0);
        assertEquals(1, log.count(relay, "broker unavailable since"), log.lines(relay).toString());
        assertEquals(1, log.count(relay, "broker available again after"), log.lines(relay).toString());
        assertEquals(0, log.count(relay, "not delivered"), "an outage is not logged per batch: " + log.lines(relay));
    }

    /** Asserts that no message went dead and no attempt was counted while the broker was down. */
    static void assertNoAttemptCounted(OutboxFixture fx, String broker) throws Exception {
        assertEquals(List.of(), fx.strings("SELECT msg_key || ' ' || attempts || ' ' || last_error FROM outbox"
                + " WHERE status = 'DEAD'"), "messages that went dead while " + broker + " was down");
        assertEquals(List.of(), fx.strings("SELECT msg_key || ' ' || attempts || ' ' || last_error FROM outbox"
                + " WHERE attempts > 0"), "attempts counted while " + broker + " was down");
    }

    /**
     * Starts a thread that writes {@code messages} messages 100 per transaction with short pauses:
     * traffic that is still flowing when an outage test stops the broker.
     */
    Thread trickle(OutboxFixture fx, Outbox outbox, int messages) {
        Thread writer = new Thread(() -> {
            try {
                for (int from = 0; from < messages; from += 100) {
                    write(fx, outbox, from, from + 100, 100);
                    Thread.sleep(15);
                }
            } catch (Exception e) {
                problem("writer failed: " + e);
            }
        }, "writer");
        writer.start();
        return writer;
    }

    /**
     * Writes messages {@code from} (inclusive) to {@code to} (exclusive), {@code perTransaction} per JTA
     * transaction.
     */
    void write(OutboxFixture fx, Outbox outbox, int from, int to, int perTransaction) throws Exception {
        for (int start = from; start < to; start += perTransaction) {
            int end = Math.min(to, start + perTransaction);
            int first = start;
            fx.inTransaction(() -> {
                for (int i = first; i < end; i++) {
                    String key = "key-" + (i % keys);
                    int index = i / keys;
                    UUID id = outbox.publish(OutboxMessage.builder(topic).key(key).type("Tick")
                            .jsonPayload("{\"i\":" + i + "}").header("index", Integer.toString(index)).build());
                    sent.put(id.toString(), new Sent(key, index));
                }
                return null;
            });
        }
    }

    /** A consumer saw a delivery; {@code index} is the {@code index} header's value. */
    void received(String id, String key, String index) {
        synchronized (received) {
            if (id == null || index == null) {
                problems.add("delivery without id or index header: id=" + id + ", key=" + key + ", index=" + index);
                return;
            }
            received.add(new Received(id, key, Integer.parseInt(index)));
        }
        distinct.add(id);
    }

    /** A consumer found something wrong with a delivery (a missing header, a bad signature …). */
    void problem(String description) {
        synchronized (received) {
            if (problems.size() < 20) {
                problems.add(description);
            }
        }
    }

    int distinctCount() {
        return distinct.size();
    }

    int deliveries() {
        synchronized (received) {
            return received.size();
        }
    }

    /** @return deliveries of an id already delivered */
    int duplicates() {
        return deliveries() - distinctCount();
    }

    /**
     * Asserts: every written message arrived, nothing else did, each with the key and index it was
     * written with, and each key's first deliveries in write order.
     */
    void assertIntact(int expected) {
        List<Received> all;
        synchronized (received) {
            all = new ArrayList<>(received);
            assertEquals(List.of(), problems, "problems seen by the consumer");
        }
        assertEquals(expected, sent.size(), "messages written");
        Set<String> missing = new HashSet<>(sent.keySet());
        missing.removeAll(distinct);
        assertEquals(Set.of(), limit(missing), missing.size() + " messages never arrived");
        Set<String> unknown = new HashSet<>(distinct);
        unknown.removeAll(sent.keySet());
        assertEquals(Set.of(), limit(unknown), "messages arrived that were not written");
        Map<String, String> wrong = new LinkedHashMap<>();
        Map<String, Integer> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> outOfOrder = new LinkedHashMap<>();
        for (Received r : all) {
            Sent s = sent.get(r.id());
            if (!s.key().equals(r.key()) || s.index() != r.index()) {
                wrong.put(r.id(), "sent " + s + ", received " + r);
            }
            if (!seen.add(r.id())) {
                continue; // a redelivery: only first deliveries must be in order
            }
            Integer previous = last.put(r.key(), r.index());
            int expectedIndex = previous == null ? 0 : previous + 1;
            if (r.index() != expectedIndex && !outOfOrder.containsKey(r.key())) {
                outOfOrder.put(r.key(), "index " + r.index() + " after " + previous);
            }
        }
        assertEquals(Map.of(), wrong, "deliveries with another key or index than written");
        assertEquals(Map.of(), outOfOrder, "keys whose messages arrived out of write order");
    }

    private static Set<String> limit(Set<String> ids) {
        Set<String> some = new HashSet<>();
        for (String id : ids) {
            if (some.size() == 10) {
                break;
            }
            some.add(id);
        }
        return some;
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.wake.WakeChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-node wake-ups on PostgreSQL: a message written where no relay runs is published by the
 * relay of another "JVM" (an engine on pools of its own) at once, through {@code LISTEN/NOTIFY},
 * not at that relay's poll; turned off, it waits for the poll.
 */
class CrossNodeWakeUpTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    private OutboxFixture fx;
    private String channel;

    @BeforeEach
    void setUp() {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "crossnode");
        channel = WakeChannel.of(fx.settings().build().table()).name();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aMessageWrittenWhereNoRelayRunsIsPublishedAtOnceByAnotherNodesRelay() throws Exception {
        OutboxEngine writer = fx.engine(fx.settings().build(), null);
        try (RelayNode relay = new RelayNode(fx.settings().pollInterval(LONG_POLL).relayId("relay-b").build())) {
            awaitListening(1);
            Duration latency = relay.latencyOf(write(writer));
            assertTrue(latency.compareTo(Duration.ofSeconds(3)) < 0, "published after " + latency
                    + ", the relay polls every " + LONG_POLL);
        }
    }

    @Test
    void turnedOffTheOtherNodesRelayFindsTheMessageAtItsPoll() throws Exception {
        Duration poll = Duration.ofSeconds(3);
        OutboxEngine writer = fx.engine(fx.settings().crossNodeWakeUps(false).build(), null);
        try (RelayNode relay = new RelayNode(fx.settings().crossNodeWakeUps(false).pollInterval(poll)
                .relayId("relay-off").build())) {
            Await.until(Duration.ofSeconds(10), "the relay thread waiting for its poll",
                    () -> waitsForItsPoll("ferry-relay-relay-off-1"));
            assertEquals(0, listeners(), "no relay listens");
            Duration latency = relay.latencyOf(write(writer));
            assertTrue(latency.compareTo(Duration.ofSeconds(1)) > 0, "published after " + latency
                    + ": only the poll (every " + poll + ") finds it");
        }
    }

    @Test
    void aListenerWhoseConnectionWasKilledReconnectsAndWakesItsRelayAgain() throws Exception {
        OutboxEngine writer = fx.engine(fx.settings().build(), null);
        try (RelayNode relay = new RelayNode(fx.settings().pollInterval(LONG_POLL).relayId("relay-k").build())) {
            awaitListening(1);
            long pid = fx.count("SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN " + channel + "'");
            fx.execute("SELECT pg_terminate_backend(" + pid + ")");
            Await.until(Duration.ofSeconds(10), "a new listening connection", () -> fx.countUnchecked(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE query = 'LISTEN " + channel + "' AND pid <> " + pid)
                    == 1);
            Duration latency = relay.latencyOf(write(writer));
            assertTrue(latency.compareTo(Duration.ofSeconds(3)) < 0, "published after " + latency
                    + ", the relay polls every " + LONG_POLL);
        }
    }

    private Written write(OutboxEngine writer) throws Exception {
        long before = System.nanoTime();
        UUID id = fx.inTransaction(() -> writer.outbox().publish("t", "k", Map.of("n", 1)));
        return new Written(id, before);
    }

    private void awaitListening(int relays) {
        Await.until(Duration.ofSeconds(10), relays + " relay(s) listening on " + channel,
                () -> listeners() == relays);
    }

    private long listeners() {
        return fx.countUnchecked("SELECT COUNT(*) FROM pg_stat_activity WHERE query = 'LISTEN " + channel + "'");
    }

    /** @return whether the named relay thread waits in its loop's pause (for a wake-up or the poll) */
    private static boolean waitsForItsPoll(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(threadName))
                .anyMatch(e -> e.getKey().getState() == Thread.State.TIMED_WAITING && Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().endsWith("PollingLoop") && f.getMethodName().equals("pause")));
    }

    /**
     * @param id the message
     * @param beforeBegin nanoTime before its transaction began
     */
    private record Written(UUID id, long beforeBegin) {
    }

    /** A relay with pools of its own, as another JVM's would be. */
    private final class RelayNode implements AutoCloseable {
        private final JavaSeEnvironment env = fx.schema.environment();
        private final Map<UUID, Long> received = new ConcurrentHashMap<>();
        private final OutboxEngine engine;

        RelayNode(OutboxSettings settings) {
            engine = OutboxEngine.builder().environment(env).settings(settings)
                    .publisher(new InProcessPublisher(m -> received.putIfAbsent(m.id(), System.nanoTime())))
                    .build().start();
        }

        Duration latencyOf(Written w) {
            Await.until(Duration.ofSeconds(40), "message " + w.id() + " published by the other relay",
                    () -> received.containsKey(w.id()));
            return Duration.ofNanos(received.get(w.id()) - w.beforeBegin());
        }

        @Override
        public void close() {
            long start = System.nanoTime();
            engine.close();
            env.close();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the relay stops at once");
        }
    }
}

package dev.ferry.outbox.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Publishing in rounds: one unconfirmed message per key, and each message reported exactly once. */
class KeyRoundsTest {

    private static long seq;

    private static OutgoingMessage message(String key) {
        return new OutgoingMessage(UUID.randomUUID(), ++seq, "t", key, null, "application/json", new byte[0], Map.of(),
                Instant.now(), 1);
    }

    /** Records outcomes like the relay's report: a late confirmation after a failure does not count. */
    static final class Outcomes implements DeliveryReport {
        final List<String> log = new ArrayList<>();
        final Map<OutgoingMessage, String> outcome = new HashMap<>();
        final Map<OutgoingMessage, Throwable> causes = new HashMap<>();

        @Override
        public synchronized void delivered(OutgoingMessage m) {
            log.add("delivered " + m.key() + "#" + m.sequence());
            outcome.putIfAbsent(m, "delivered");
        }

        @Override
        public synchronized void failed(OutgoingMessage m, Throwable cause) {
            log.add("failed " + m.key() + "#" + m.sequence());
            outcome.putIfAbsent(m, "failed: " + cause.getMessage());
            causes.putIfAbsent(m, cause);
        }

        @Override
        public synchronized boolean keyFailed(OutgoingMessage m) {
            return outcome.entrySet().stream().anyMatch(e -> e.getValue().startsWith("failed")
                    && e.getKey().key() != null && e.getKey().key().equals(m.key())
                    && e.getKey().sequence() < m.sequence());
        }
    }

    @Test
    void roundNHoldsTheNthMessageOfEveryKeyAndAllUnkeyedOnesGoFirst() {
        OutgoingMessage a1 = message("a");
        OutgoingMessage b1 = message("b");
        OutgoingMessage a2 = message("a");
        OutgoingMessage n1 = message(null);
        OutgoingMessage a3 = message("a");
        OutgoingMessage n2 = message(null);
        OutgoingMessage b2 = message("b");
        assertEquals(List.of(List.of(a1, b1, n1, n2), List.of(a2, b2), List.of(a3)),
                KeyRounds.of(List.of(a1, b1, a2, n1, a3, n2, b2)));
    }

    @Test
    void aKeysNextMessageIsSentOnlyAfterThePreviousWasConfirmedAndNeverAfterAFailure() {
        OutgoingMessage a1 = message("a");
        OutgoingMessage b1 = message("b");
        OutgoingMessage a2 = message("a");
        OutgoingMessage b2 = message("b");
        Outcomes report = new Outcomes();
        List<String> sent = new ArrayList<>();
        boolean answered = KeyRounds.publish(List.of(a1, b1, a2, b2), report, Duration.ofSeconds(5), "test", (m, c) -> {
            sent.add(m.key() + "#" + m.sequence());
            if (m == b1) {
                throw new IllegalStateException("refused");
            }
            c.confirmed(m);
        });
        assertTrue(answered);
        assertEquals(List.of("a#" + a1.sequence(), "b#" + b1.sequence(), "a#" + a2.sequence()), sent, "b2 never sent");
        assertEquals("delivered", report.outcome.get(a2));
        assertEquals("failed: refused", report.outcome.get(b1));
        assertFalse(report.outcome.containsKey(b2), "b2 left unreported: not attempted");
    }

    @Test
    void aMessageNotAnsweredInTimeFailsItsLateConfirmationIsIgnoredAndLaterRoundsAreNotSent() throws Exception {
        OutgoingMessage a1 = message("a");
        OutgoingMessage b1 = message("b");
        OutgoingMessage a2 = message("a");
        OutgoingMessage b2 = message("b");
        Outcomes report = new Outcomes();
        ScheduledExecutorService broker = Executors.newSingleThreadScheduledExecutor();
        try {
            boolean answered = KeyRounds.publish(List.of(a1, b1, a2, b2), report, Duration.ofMillis(300),
                    "the test broker",
                    (m, c) -> broker.schedule(() -> c.confirmed(m), m == a1 ? 10 : 1000, TimeUnit.MILLISECONDS));
            assertFalse(answered);
            broker.shutdown();
            assertTrue(broker.awaitTermination(5, TimeUnit.SECONDS));
        } finally {
            broker.shutdownNow();
        }
        assertEquals("delivered", report.outcome.get(a1));
        assertEquals("failed: No confirmation from the test broker within 300 ms", report.outcome.get(b1));
        assertEquals("failed: Not sent: the test broker did not confirm an earlier message of the batch within 300 ms",
                report.outcome.get(a2));
        assertFalse(report.outcome.containsKey(b2), "b2 is behind the failed b1: left unreported");
        assertEquals(3, report.log.size(), "the late confirmation of b1 was not reported: " + report.log);
    }

    @Test
    void aRoundTheBrokerAnsweredNothingOfFailsAsUnavailable() {
        OutgoingMessage a1 = message("a");
        OutgoingMessage b1 = message("b");
        OutgoingMessage c1 = message("c");
        OutgoingMessage a2 = message("a");
        OutgoingMessage c2 = message("c");
        Outcomes report = new Outcomes();
        boolean answered = KeyRounds.publish(List.of(a1, b1, c1, a2, c2), report, Duration.ofMillis(100),
                "the test broker", (m, c) -> {
                    if (m == c1) {
                        c.failed(m, new BrokerUnavailableException("the test broker refused the connection", null));
                    }
                });
        assertFalse(answered);
        for (OutgoingMessage m : List.of(a1, b1, c1)) {
            assertTrue(report.causes.get(m) instanceof BrokerUnavailableException, m + ": " + report.causes.get(m));
        }
        assertEquals("failed: No answer from the test broker within 100 ms to any message of the round",
                report.outcome.get(a1));
        assertFalse(report.outcome.containsKey(a2) || report.outcome.containsKey(c2), "behind failed messages");
    }

    @Test
    void aRoundTheBrokerAnsweredInPartTimesOutAsARefusalOfTheMessagesLeftWaitingAndTheRestIsNotSent() {
        OutgoingMessage a1 = message("a");
        OutgoingMessage b1 = message("b");
        OutgoingMessage c1 = message("c");
        OutgoingMessage c2 = message("c");
        Outcomes report = new Outcomes();
        KeyRounds.publish(List.of(a1, b1, c1, c2), report, Duration.ofMillis(100), "the test broker", (m, c) -> {
            if (m == a1) {
                c.failed(m, new IllegalArgumentException("a1 is refused"));
            } else if (m == c1) {
                c.confirmed(m);
            }
        });
        assertTrue(report.causes.get(b1) instanceof TimeoutException, "the broker answered a1 and c1");
        assertTrue(report.causes.get(c2) instanceof BrokerUnavailableException, "never sent: no attempt counts");
    }
}

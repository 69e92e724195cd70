package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.transaction.HeuristicMixedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox contracts on PostgreSQL, and what only PostgreSQL does. */
class PostgresOutboxTest extends OutboxContractTest {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }

    @Override
    String connectionIdQuery() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    void cutConnection(long id) throws Exception {
        fx.execute("SELECT pg_terminate_backend(" + id + ")");
        Await.until(Duration.ofSeconds(10), "backend " + id + " gone", () -> fx.countUnchecked(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + id) == 0);
    }

    /**
     * The driver reports the lost connection at the one-phase commit as {@code XAER_RMFAIL}, which
     * Narayana reads as "outcome unknown" (a heuristic hazard).
     */
    @Override
    Class<? extends Exception> commitFailureOfACutConnection() {
        return HeuristicMixedException.class;
    }

    /**
     * A publisher stuck longer than {@code leaseDuration}, deaf to the interrupt, is abandoned after
     * {@code publishTimeout} (here ¾ of a 1 s lease): the batch's outcome is recorded, and the message
     * is published again after its backoff while the stuck call still runs. (That the database ends a
     * claim transaction left idle for the lease, when the whole JVM stalls, {@code DatabaseTimeTest}
     * shows on PostgreSQL and MariaDB.)
     */
    @Test
    void aBatchStuckLongerThanTheLeaseIsTakenBackFromTheStuckPublisher() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        OutboxEngine engine = fx.engine(fx.settings().leaseDuration(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(200)).build(), new InProcessPublisher(m -> {
                    if (calls.getAndIncrement() == 0) {
                        stallIgnoringInterrupts(Duration.ofMillis(2_500));
                    }
                    listener.onMessage(m);
                }));
        fx.inTransaction(() -> engine.outbox().publish("t", "k1", 1));
        engine.start();
        Await.until(Duration.ofSeconds(30), "the batch published again", () -> listener.size() >= 2);
        Await.until(Duration.ofSeconds(10), "the batch recorded",
                () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox") == 0);
        assertTrue(listener.duplicates().size() >= 1, "the stuck attempt and the retry both published");
    }

    private static void stallIgnoringInterrupts(Duration stall) {
        long end = System.nanoTime() + stall.toNanos();
        for (long left = stall.toNanos(); left > 0; left = end - System.nanoTime()) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                // deaf to it: the relay abandons the call
            }
        }
    }
}

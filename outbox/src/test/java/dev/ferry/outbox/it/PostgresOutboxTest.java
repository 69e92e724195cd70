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
     * A relay stuck in its publisher longer than {@code leaseDuration} has its transaction ended by
     * the server: its record of the batch is refused, and the batch is published again.
     */
    @Test
    void aBatchStuckLongerThanTheLeaseIsTakenBackByTheDatabase() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        OutboxEngine engine = fx.engine(fx.settings().leaseDuration(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(200)).build(), new InProcessPublisher(m -> {
                    if (calls.getAndIncrement() == 0) {
                        Thread.sleep(2_500);
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
}

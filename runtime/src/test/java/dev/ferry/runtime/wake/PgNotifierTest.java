package dev.ferry.runtime.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the notifier leaves the work to this JVM's relay, and when it does not, on the real PostgreSQL server. */
class PgNotifierTest {

    private TestSchema schema;
    private JavaSeEnvironment env;

    @BeforeEach
    void setUp() {
        schema = TestDatabase.POSTGRESQL.createSchema("notifier");
        env = schema.environment();
    }

    @AfterEach
    void tearDown() {
        env.close();
        schema.close();
    }

    /** @return a running relay of this JVM whose rounds began when {@code roundBeganSince} says */
    private static LocalWork runningRelay(LongPredicate roundBeganSince) {
        return new LocalWork() {
            @Override
            public boolean running() {
                return true;
            }

            @Override
            public boolean roundBeganSince(long nanoTime) {
                return roundBeganSince.test(nanoTime);
            }
        };
    }

    private PgNotifier notifier(LocalWork local) {
        return new PgNotifier(env.workerDataSource(), WakeChannel.of(new TableName(schema.schema(), "outbox")),
                Thread::new, "test", "me", local);
    }

    @Test
    void workThisJvmsRelayBeginsARoundForIsNotAnnounced() {
        AtomicLong askedUpTo = new AtomicLong(Long.MIN_VALUE);
        LocalWork busyRelay = runningRelay(nanoTime -> {
            askedUpTo.accumulateAndGet(nanoTime, Math::max);
            return true; // a round begins after every commit
        });
        try (PgNotifier notifier = notifier(busyRelay)) {
            for (int i = 0; i < 49; i++) {
                notifier.announce();
            }
            long beforeLast = System.nanoTime();
            notifier.announce();
            Await.until(Duration.ofSeconds(5), "the notifier decided on the last announcement",
                    () -> askedUpTo.get() - beforeLast >= 0);
            assertEquals(0, notifier.sent(), "the local relay takes the work: nothing to tell");
        }
    }

    @Test
    void workThisJvmsRelayDoesNotBeginARoundForIsAnnouncedAfterThePatience() {
        LocalWork stuckRelay = runningRelay(nanoTime -> false); // its threads are stuck in long batches
        try (PgNotifier notifier = notifier(stuckRelay)) {
            notifier.announce();
            Await.until(Duration.ofSeconds(5), "a notification", () -> notifier.sent() == 1);
        }
    }

    /**
     * A steady stream: commits every half millisecond, the relay beginning a round every two. The
     * notifier sends nothing and looks about once per patience, not once per round: each look wakes
     * its thread, which takes CPU from the commits.
     */
    @Test
    void aSteadyStreamTheLocalRelayKeepsUpWithWakesTheNotifierOncePerPatience() throws Exception {
        AtomicLong lastRound = new AtomicLong(System.nanoTime());
        LocalWork relay = runningRelay(nanoTime -> lastRound.get() - nanoTime >= 0);
        long streamNanos = TimeUnit.MILLISECONDS.toNanos(400);
        try (PgNotifier notifier = notifier(relay)) {
            long start = System.nanoTime();
            long nextRound = start;
            while (System.nanoTime() - start < streamNanos) {
                notifier.announce();
                long now = System.nanoTime();
                if (now - nextRound >= 0) {
                    lastRound.set(now);
                    nextRound = now + TimeUnit.MILLISECONDS.toNanos(2);
                }
                TimeUnit.MICROSECONDS.sleep(500);
            }
            long looked = notifier.looks();
            notifier.announce(); // a last commit, and a round after it
            lastRound.set(System.nanoTime());
            Await.until(Duration.ofSeconds(5), "the notifier looked after the last round",
                    () -> notifier.looks() > looked);
            assertEquals(0, notifier.sent(), "the local relay took every commit's rows: nothing to tell");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long bound = 3 * (elapsedMillis / PgNotifier.PATIENCE_MILLIS + 1);
            assertTrue(notifier.looks() <= bound, "looked " + notifier.looks() + " times in " + elapsedMillis
                    + " ms; at most " + bound + " expected (about once per " + PgNotifier.PATIENCE_MILLIS + " ms)");
        }
    }
}

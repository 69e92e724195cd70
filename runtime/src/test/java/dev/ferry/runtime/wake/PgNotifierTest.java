package dev.ferry.runtime.wake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    private PgNotifier notifier(LocalWork local) {
        return new PgNotifier(env.workerDataSource(), WakeChannel.of(new TableName(schema.schema(), "outbox")),
                Thread::new, "test", "me", local);
    }

    @Test
    void workThisJvmsRelayBeginsARoundForIsNotAnnounced() {
        AtomicLong askedUpTo = new AtomicLong(Long.MIN_VALUE);
        LocalWork busyRelay = new LocalWork() {
            @Override
            public boolean running() {
                return true;
            }

            @Override
            public boolean roundBeganSince(long nanoTime) {
                askedUpTo.accumulateAndGet(nanoTime, Math::max);
                return true; // a round begins after every commit
            }
        };
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
        LocalWork stuckRelay = new LocalWork() {
            @Override
            public boolean running() {
                return true;
            }

            @Override
            public boolean roundBeganSince(long nanoTime) {
                return false; // its threads are stuck in long batches
            }
        };
        try (PgNotifier notifier = notifier(stuckRelay)) {
            notifier.announce();
            Await.until(Duration.ofSeconds(5), "a notification", () -> notifier.sent() == 1);
        }
    }
}

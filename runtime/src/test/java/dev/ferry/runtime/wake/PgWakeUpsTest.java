package dev.ferry.runtime.wake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.PostgresDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** {@code LISTEN/NOTIFY} wake-ups on the real PostgreSQL server. */
class PgWakeUpsTest {

    private TestSchema schema;
    private JavaSeEnvironment env;
    private WakeChannel channel;

    @BeforeEach
    void setUp() {
        schema = TestDatabase.POSTGRESQL.createSchema("wake");
        env = schema.environment();
        channel = WakeChannel.of(table());
    }

    @AfterEach
    void tearDown() {
        env.close();
        schema.close();
    }

    private TableName table() {
        return new TableName(schema.schema(), "outbox");
    }

    private CrossNodeWakeUps wakeUps() {
        return CrossNodeWakeUps.of(new PostgresDialect(), env.workerDataSource(), table(), Thread::new, "test",
                LocalWork.NONE);
    }

    @Test
    void manyAnnouncementsShareFewNotificationsAndTheLastIsFollowedByOne() throws Exception {
        try (Connection listener = schema.connect(); CrossNodeWakeUps wakeUps = wakeUps()) {
            try (Statement st = listener.createStatement()) {
                st.execute("LISTEN " + channel.name());
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            int writers = 4;
            int each = 500;
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        wakeUps.announce();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            AtomicInteger received = new AtomicInteger();
            // The last announcement is followed by a notification: wait until none arrives for a while.
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500)) {
                PGNotification[] n = pg.getNotifications(100);
                if (n != null && n.length > 0) {
                    received.addAndGet(n.length);
                    quietSince = System.nanoTime();
                }
            }
            int notifications = received.get();
            assertTrue(notifications >= 1, "at least one notification");
            assertTrue(notifications <= elapsedMillis / PgNotifier.MIN_GAP_MILLIS + 2, notifications
                    + " notifications for " + writers * each + " announcements in " + elapsedMillis + " ms");
            assertTrue(notifications < writers * each / 4, notifications + " notifications");

            wakeUps.announce();
            Await.until(Duration.ofSeconds(5), "a notification after a lone announcement", () -> {
                try {
                    PGNotification[] n = pg.getNotifications(100);
                    return n != null && n.length > 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void theListenerWakesOnANotificationFromAnyConnection() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        try (CrossNodeWakeUps wakeUps = wakeUps()) {
            wakeUps.listen(wakes::incrementAndGet);
            Await.until(Duration.ofSeconds(10), "the listener connected (it wakes once then)", () -> wakes.get() >= 1);
            int before = wakes.get();
            try (Connection c = schema.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
                ps.setString(1, channel.name());
                ps.execute();
            }
            Await.until(Duration.ofSeconds(5), "a wake-up from the notification", () -> wakes.get() > before);
            long stopStart = System.nanoTime();
            wakeUps.stopListening();
            assertTrue(System.nanoTime() - stopStart < TimeUnit.SECONDS.toNanos(2), "stopping does not wait long");
        }
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.outbox.inbox.InboxPurger;
import dev.ferry.outbox.inbox.InboxSettings;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.testing.TestDatabase;
import jakarta.transaction.RollbackException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The inbox's contracts, run against each real database by a subclass. */
abstract class InboxContractTest {

    abstract TestDatabase database();

    OutboxFixture fx;
    MutableClock clock;
    InboxEngine engine;
    Inbox inbox;
    final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void setUp(TestInfo info) throws SQLException {
        fx = new OutboxFixture(database(), "inbox_" + info.getTestMethod().orElseThrow().getName());
        fx.execute("CREATE TABLE account (id VARCHAR(20) PRIMARY KEY, balance " + database().bigint() + " NOT NULL)");
        fx.execute("INSERT INTO account VALUES ('acme', 0)");
        clock = new MutableClock();
        engine = inboxEngine("billing");
        inbox = engine.inbox();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        fx.close();
    }

    private InboxEngine inboxEngine(String consumer) {
        return InboxEngine.builder().environment(fx.env).clock(clock).createTables(true)
                .settings(InboxSettings.builder().schema(fx.schema.schema()).table("inbox").consumer(consumer)
                        .retention(Duration.ofDays(1)).purge(Duration.ofMinutes(1), 2).build())
                .build();
    }

    /** The consumer's effect: adds to the balance, through the JTA data source. */
    private void credit(long amount) throws SQLException {
        handled.incrementAndGet();
        try (Connection c = fx.env.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = 'acme'")) {
            ps.setLong(1, amount);
            ps.executeUpdate();
        }
    }

    private boolean deliver(Inbox target, String messageId, long amount) throws Exception {
        return fx.inTransaction(() -> target.receive(messageId, () -> credit(amount)));
    }

    @Test
    void theSameMessageDeliveredThreeTimesChangesTheTableOnce() throws Exception {
        UUID id = UUID.randomUUID();
        List<Boolean> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(fx.inTransaction(() -> inbox.receive(id, () -> credit(100))));
        }
        assertEquals(List.of(true, false, false), results);
        assertEquals(1, handled.get());
        assertEquals(100, fx.count("SELECT balance FROM account WHERE id = 'acme'"));
        assertEquals(1, fx.count("SELECT COUNT(*) FROM inbox"));
    }

    @Test
    void aFailedHandlerLeavesNoRecordSoTheRedeliveryRunsIt() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fx.inTransaction(() ->
                inbox.receive("m-1", () -> {
                    credit(100);
                    throw new IllegalStateException("payment service down");
                })));
        assertEquals("payment service down", e.getMessage());
        assertEquals(0, fx.count("SELECT COUNT(*) FROM inbox"));

        // A caller that swallows the handler's exception cannot commit the record without the effect.
        fx.env.userTransaction().begin();
        try {
            inbox.receive("m-1", () -> {
                throw new java.io.IOException("disk full");
            });
        } catch (java.io.IOException expected) {
            // swallowed on purpose
        }
        assertThrows(RollbackException.class, () -> fx.env.userTransaction().commit());
        assertEquals(0, fx.count("SELECT COUNT(*) FROM inbox"));
        assertEquals(0, fx.count("SELECT balance FROM account WHERE id = 'acme'"));

        assertTrue(deliver(inbox, "m-1", 100));
        assertFalse(deliver(inbox, "m-1", 100));
        assertEquals(100, fx.count("SELECT balance FROM account WHERE id = 'acme'"));
    }

    @Test
    void outsideATransactionItRefusesAndNamesTheProblem() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> inbox.receive("m-1", () -> credit(1)));
        assertTrue(e.getMessage().contains("needs an active JTA transaction"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fx.inTransaction(() -> inbox.receive(" ", () -> credit(1))));
        assertThrows(IllegalArgumentException.class,
                () -> fx.inTransaction(() -> inbox.receive("x".repeat(256), () -> credit(1))));
        assertEquals(0, handled.get());
    }

    @Test
    void twoConcurrentDeliveriesRunTheHandlerOnce() throws Exception {
        CountDownLatch firstInHandler = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = pool.submit(() -> fx.inTransaction(() -> inbox.receive("m-race", () -> {
                credit(100);
                firstInHandler.countDown();
                assertTrue(releaseFirst.await(30, TimeUnit.SECONDS));
            })));
            assertTrue(firstInHandler.await(30, TimeUnit.SECONDS));
            Future<Boolean> second = pool.submit(() -> deliver(inbox, "m-race", 100)); // waits on the unique key
            Thread.sleep(300);
            releaseFirst.countDown();
            assertTrue(first.get(30, TimeUnit.SECONDS));
            assertFalse(second.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, handled.get());
        assertEquals(100, fx.count("SELECT balance FROM account WHERE id = 'acme'"));
    }

    @Test
    void consumersAreIndependentAndExpiredIdsArePurgedInBatches() throws Exception {
        try (InboxEngine shipping = inboxEngine("shipping")) {
            assertTrue(deliver(inbox, "m-1", 1));
            assertTrue(deliver(shipping.inbox(), "m-1", 10));
            for (int i = 2; i <= 5; i++) {
                assertTrue(deliver(inbox, "m-" + i, 1));
            }
            clock.advance(Duration.ofDays(2));
            assertTrue(deliver(inbox, "m-6", 1)); // fresh: kept

            InboxPurger purger = new InboxPurger(fx.env.workerDataSource(),
                    SqlDialects.detect(fx.env.workerDataSource()), engine.settings(), clock);
            assertTrue(purger.purgeOnce(), "a full batch of 2");
            assertTrue(purger.purgeOnce(), "another full batch of 2");
            assertFalse(purger.purgeOnce(), "the last expired one");
            assertEquals(List.of("m-6"), fx.strings("SELECT message_id FROM inbox WHERE consumer = 'billing'"));
            assertEquals(List.of("m-1"), fx.strings("SELECT message_id FROM inbox WHERE consumer = 'shipping'"));
            assertEquals(16, fx.count("SELECT balance FROM account WHERE id = 'acme'"));
        }
    }
}

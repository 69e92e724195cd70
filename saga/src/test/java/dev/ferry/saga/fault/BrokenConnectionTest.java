package dev.ferry.saga.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.fault.FaultProxy;
import dev.ferry.runtime.testing.fault.LocalPostgresCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken connections under load (writers, relay, saga workers) on a PostgreSQL server of the test's
 * own: the database ends the relay's connection while its batch is being published and a saga
 * worker's connection in the middle of a step; and a TCP proxy between Ferry and the database adds
 * latency, stalls all traffic for 20 s and resets every connection. Nothing is lost, no batch stays
 * locked beyond its bound, and duplicates come only from the batches in flight.
 */
class BrokenConnectionTest {

    private static final String CLAIMING_RELAY = "state = 'idle in transaction' AND now() - state_change"
            + " > interval '300 milliseconds' AND (query ILIKE '%SKIP LOCKED%' OR query ILIKE '%m.msg_key IN%')";
    private static LocalPostgresCluster cluster;

    private final AtomicBoolean trapRelay = new AtomicBoolean();
    private final CountDownLatch relayHeld = new CountDownLatch(1);
    private final CountDownLatch relayReleased = new CountDownLatch(1);

    @BeforeAll
    static void startServer() {
        cluster = LocalPostgresCluster.start("pg-broken", 25339);
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void noHook() {
        FaultSaga.hook = (ctx, action) -> { };
        relayReleased.countDown();
    }

    /** Wraps the recording publisher: when armed, the next batch waits until the test lets it go. */
    private UnaryOperator<MessagePublisher> holdingOneBatch() {
        return publisher -> (batch, report) -> {
            if (trapRelay.compareAndSet(true, false)) {
                relayHeld.countDown();
                relayReleased.await(60, TimeUnit.SECONDS);
            }
            publisher.publish(batch, report);
        };
    }

    @Test
    void theDatabaseEndingTheRelaysAndAWorkersConnectionMidBatchLosesNothing() throws Exception {
        String url = cluster.createDatabase("terminated_backends");
        AtomicBoolean trapStep = new AtomicBoolean();
        CountDownLatch stepHeld = new CountDownLatch(1);
        CountDownLatch stepReleased = new CountDownLatch(1);
        FaultSaga.hook = (ctx, action) -> {
            if (action.equals("two") && trapStep.compareAndSet(true, false)) {
                stepHeld.countDown();
                stepReleased.await(60, TimeUnit.SECONDS);
            }
        };
        try (FaultLoad load = new FaultLoad(url, cluster.user(), TestDatabase.POSTGRESQL, holdingOneBatch())) {
            load.start();
            load.startWriting(2, 10);
            load.awaitAcknowledged(30, Duration.ofSeconds(60));
            trapRelay.set(true);
            trapStep.set(true);
            assertTrue(relayHeld.await(30, TimeUnit.SECONDS), "a relay batch held in the publisher");
            assertTrue(stepHeld.await(30, TimeUnit.SECONDS), "a saga step held after its effect");
            long relayBackend = awaitOneBackend(load, CLAIMING_RELAY);
            long stepBackend = awaitOneBackend(load, "state = 'idle in transaction' AND query ILIKE"
                    + " 'INSERT INTO effect%' AND now() - state_change > interval '300 milliseconds'");
            terminate(load, relayBackend);
            terminate(load, stepBackend);
            relayReleased.countDown();
            stepReleased.countDown();
            load.awaitAcknowledged(30, Duration.ofSeconds(60));
            load.stopWriting();
            load.awaitSettled(Duration.ofSeconds(60));
            String counted = load.assertCounted(20);
            assertTrue(load.deliveries.get() > load.delivered.size(),
                    "the held batch was published, its record refused with the connection, and published again");
            System.out.println("Relay and worker backends terminated mid-batch: " + counted);
        }
    }

    @Test
    void aProxyAddingLatencyStallingAndResettingLosesNothingAndHoldsNoBatchBeyondItsBound() throws Exception {
        cluster.createDatabase("proxied");
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", cluster.port());
             FaultLoad load = new FaultLoad("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/proxied", cluster.user(),
                     TestDatabase.POSTGRESQL, holdingOneBatch())) {
            load.start();
            load.startWriting(2, 10);
            load.awaitAcknowledged(20, Duration.ofSeconds(60));

            proxy.latency(Duration.ofMillis(50));
            long slowStart = System.nanoTime();
            load.awaitAcknowledged(20, Duration.ofSeconds(120));
            double slow = (System.nanoTime() - slowStart) / 1e9;
            proxy.latency(Duration.ZERO);

            // A batch claimed and held in the publisher; all traffic stalls; the batch is let go, and its
            // record waits in the proxy. The server ends the relay's idle transaction after leaseDuration
            // (5 s), so the rows are claimable again well before the stall ends.
            trapRelay.set(true);
            assertTrue(relayHeld.await(30, TimeUnit.SECONDS), "a relay batch held in the publisher");
            long claimedAt = System.nanoTime();
            long locked = lockedOutboxRows(load);
            proxy.stall(Duration.ofSeconds(20));
            long stallStart = System.nanoTime();
            relayReleased.countDown();
            Await.until(Duration.ofSeconds(12), "every outbox row claimable again", () -> lockedOutboxRows(load) == 0);
            double freedAfter = (System.nanoTime() - claimedAt) / 1e9;
            List<String> sagaLocks = sagaRowLocks(load);
            Await.until(Duration.ofSeconds(30), "the stall over", () -> System.nanoTime() - stallStart
                    > TimeUnit.SECONDS.toNanos(20));
            proxy.resume();
            load.awaitAcknowledged(20, Duration.ofSeconds(90));

            int connections = proxy.openConnections();
            proxy.resetAll();
            load.awaitAcknowledged(20, Duration.ofSeconds(90));
            load.stopWriting();
            load.awaitSettled(Duration.ofSeconds(90));
            String counted = load.assertCounted(3 * 2 * 20);
            System.out.printf("Proxy: 20 orders under 50 ms latency in %.1f s; %d outbox rows locked by the held"
                    + " batch, claimable again %.1f s after its claim; saga rows locked during the stall: %s;"
                    + " %d connections reset; %s%n", slow, locked, freedAfter, sagaLocks, connections, counted);
            assertTrue(locked > 0, "the held batch's rows were locked");
            assertTrue(freedAfter < 5 + 5, "the held batch freed within leaseDuration and a poll");
        }
    }

    /** @return outbox rows locked by another transaction (not claimable now), read directly, not through a proxy */
    private static long lockedOutboxRows(FaultLoad load) {
        try (Connection c = directConnection(load)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                long all = single(st, "SELECT COUNT(*) FROM outbox");
                long free = single(st, "SELECT COUNT(*) FROM (SELECT seq FROM outbox FOR UPDATE SKIP LOCKED) x");
                c.rollback();
                return all - free;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the saga rows locked now, with the age of the locking transaction's last statement */
    private static List<String> sagaRowLocks(FaultLoad load) throws SQLException {
        List<String> locks = new ArrayList<>();
        try (Connection c = directConnection(load); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT a.pid, a.state, EXTRACT(EPOCH FROM now() - a.state_change)"
                     + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.relation = 'ferry_saga'::regclass AND l.mode = 'RowExclusiveLock'")) {
            while (rs.next()) {
                locks.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " s");
            }
        }
        return locks;
    }

    private static Connection directConnection(FaultLoad load) throws SQLException {
        String db = load.url.substring(load.url.lastIndexOf('/') + 1);
        return java.sql.DriverManager.getConnection(cluster.jdbcUrl(db), cluster.user(), "");
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until exactly one backend of the load's database matches, and returns its pid. */
    private static long awaitOneBackend(FaultLoad load, String condition) throws SQLException {
        String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND " + condition;
        long[] pid = new long[1];
        Await.until(Duration.ofSeconds(10), "one backend with " + condition, () -> {
            try {
                List<String> pids = load.strings(sql);
                pid[0] = pids.size() == 1 ? Long.parseLong(pids.get(0)) : 0;
                return pids.size() == 1;
            } catch (SQLException e) {
                return false;
            }
        });
        return pid[0];
    }

    private static void terminate(FaultLoad load, long pid) throws SQLException {
        assertEquals(List.of("t"), load.strings("SELECT pg_terminate_backend(" + pid + ")"),
                "backend " + pid + " terminated");
    }
}

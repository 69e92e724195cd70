package dev.ferry.saga.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.engine.SagaEngine;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.Effects;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers, a relay and saga workers on one database, and the counting of what came of them. Each
 * writer transaction inserts a business row ({@code orders}), publishes its message (key = the order
 * number) and starts a {@link FaultSaga} (every tenth fails at step three and is compensated), in
 * one JTA transaction. The count: every committed order has its message delivered and its saga
 * finished; no message or saga without its order; no step effect twice; duplicates of messages only
 * from the batches in flight at a fault.
 */
final class FaultLoad implements AutoCloseable {

    final String url;
    final String user;
    final JavaSeEnvironment env;
    final OutboxEngine outbox;
    final SagaEngine sagaEngine;
    final SagaCoordinator sagas;
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /**
     * @param url the database (tables are made in its default schema)
     * @param user the user (no password)
     * @param database which kind of database
     * @param publisherWrapper wraps the recording publisher (identity for none)
     */
    FaultLoad(String url, String user, TestDatabase database,
              java.util.function.UnaryOperator<MessagePublisher> publisherWrapper) throws SQLException {
        this.url = url;
        this.user = user;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY)");
            Effects.createTable(c, database);
        }
        this.env = JavaSeEnvironment.builder().jdbcUrl(url).user(user).password("")
                .objectStoreDirectory(Path.of("target", "narayana")).build();
        MessagePublisher recording = new InProcessPublisher(m -> {
            deliveries.incrementAndGet();
            delivered.computeIfAbsent(m.key(), k -> new AtomicInteger()).incrementAndGet();
        });
        this.outbox = OutboxEngine.builder().environment(env).settings(OutboxSettings.builder().table("outbox")
                        .relayThreads(2).batchSize(20).pollInterval(Duration.ofMillis(200))
                        .leaseDuration(Duration.ofSeconds(5)).backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                        .relayId("fault-relay").build())
                .publisher(publisherWrapper.apply(recording)).createTables(true).build();
        this.sagaEngine = SagaEngine.builder().environment(env).settings(SagaSettings.builder()
                        .pollInterval(Duration.ofMillis(100)).leaseDuration(Duration.ofSeconds(5))
                        .maxBackoff(Duration.ofSeconds(1)).workers(2).workerId("fault-worker").build())
                .register(FaultSaga.class, new FaultSaga(new Effects(env.dataSource(), "main")))
                .createTables(true).build();
        this.sagas = sagaEngine.coordinator();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    void start() {
        outbox.start();
        sagaEngine.start();
    }

    /** Starts writer threads that write orders, as fast as they can with a short pause, until {@link #stopWriting}. */
    void startWriting(int threads, long pauseMillis) {
        writing.set(true);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (writing.get()) {
                    writeOne();
                    sleep(pauseMillis);
                }
            }, "fault-writer-" + i);
            writers.add(t);
            t.start();
        }
    }

    /** Stops the writers and waits for the transactions in flight. */
    void stopWriting() throws InterruptedException {
        writing.set(false);
        for (Thread t : writers) {
            t.join(120_000);
        }
        writers.clear();
    }

    /** @return orders whose commit returned */
    int acknowledged() {
        return acknowledged.size();
    }

    /** @return orders whose transaction threw (begin, a statement or the commit) */
    int failed() {
        return failed.size();
    }

    /** Waits until the writers have had {@code more} more commits acknowledged. */
    void awaitAcknowledged(int more, Duration within) {
        int target = acknowledged() + more;
        Await.until(within, target + " orders acknowledged", () -> acknowledged() >= target);
    }

    private void writeOne() {
        int n = next.incrementAndGet();
        String id = Integer.toString(n);
        UserTransaction ut = env.userTransaction();
        try {
            ut.begin();
            try (Connection c = env.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            outbox.outbox().publish("orders", id, Map.of("n", n));
            sagas.start(FaultSaga.class, new CrashData(n, n % 10 == 0, 2), "order-" + id);
            ut.commit();
            acknowledged.add(id);
        } catch (Exception e) {
            failed.add(id);
            try {
                if (ut.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    ut.rollback();
                }
            } catch (Exception rollbackFailure) {
                // the transaction is gone with its connection
            }
        }
    }

    /** Waits until every order has its message and its saga has finished, and nothing is left pending. */
    void awaitSettled(Duration within) {
        Await.until(within, "every order's message delivered and every saga finished", () -> {
            String unfinished = "SELECT COUNT(*) FROM ferry_saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')";
            try {
                return count("SELECT COUNT(*) FROM outbox") == 0
                        && count(unfinished) == 0
                        && delivered.keySet().containsAll(strings("SELECT id FROM orders"));
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /**
     * Checks the count and returns it.
     *
     * @param maxDuplicates how many messages may have been published twice (the batches in flight)
     * @return a summary line
     */
    String assertCounted(int maxDuplicates) throws SQLException {
        Set<String> orders = new HashSet<>(strings("SELECT id FROM orders"));
        assertTrue(orders.containsAll(acknowledged), "every acknowledged commit has its order row");
        Set<String> unknownButCommitted = new HashSet<>(failed);
        unknownButCommitted.retainAll(orders);
        assertEquals(orders, delivered.keySet(), "a message delivered for every order, none for a missing one");
        List<String> sagaKeys = strings("SELECT idempotency_key FROM ferry_saga");
        Set<String> expectedSagaKeys = new HashSet<>();
        orders.forEach(id -> expectedSagaKeys.add("order-" + id));
        assertEquals(expectedSagaKeys, new HashSet<>(sagaKeys), "a saga for every order, none without");
        assertEquals(orders.size(), sagaKeys.size(), "one saga per order");
        assertEquals(0, count("SELECT COUNT(*) FROM ferry_saga WHERE status NOT IN ('COMPLETED', 'COMPENSATED')"),
                "every saga finished");
        List<String> twice = strings("SELECT CONCAT(saga_id, ' ', action) FROM effect"
                + " GROUP BY saga_id, action HAVING COUNT(*) > 1");
        assertEquals(List.of(), twice, "no step or compensation effect applied twice");
        // Each saga's effects are exactly its steps (and, compensated, the undoing of steps one and two).
        long wrong = count("SELECT COUNT(*) FROM ferry_saga s WHERE NOT ("
                + "(s.status = 'COMPLETED' AND (SELECT COUNT(*) FROM effect e WHERE e.saga_id = s.id"
                + " AND e.action IN ('one', 'two', 'three')) = 3"
                + " AND (SELECT COUNT(*) FROM effect e WHERE e.saga_id = s.id) = 3)"
                + " OR (s.status = 'COMPENSATED' AND (SELECT COUNT(*) FROM effect e WHERE e.saga_id = s.id"
                + " AND e.action IN ('one', 'two', 'undoTwo', 'undoOne')) = 4"
                + " AND (SELECT COUNT(*) FROM effect e WHERE e.saga_id = s.id) = 4))");
        assertEquals(0, wrong, "sagas whose effects do not match their end");
        int duplicates = deliveries.get() - delivered.size();
        assertTrue(duplicates <= maxDuplicates, duplicates + " messages published twice, more than the "
                + maxDuplicates + " of the batches in flight");
        long compensated = count("SELECT COUNT(*) FROM ferry_saga WHERE status = 'COMPENSATED'");
        long meantToFail = orders.stream().filter(id -> Integer.parseInt(id) % 10 == 0).count();
        Map<String, Long> summary = new TreeMap<>(Map.of("orders", (long) orders.size(),
                "acknowledged", (long) acknowledged.size(), "failed", (long) failed.size(),
                "failedButCommitted", (long) unknownButCommitted.size(), "duplicates", (long) duplicates,
                "compensated", compensated, "meantToFail", meantToFail));
        return summary.toString();
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopWriting();
        try {
            sagaEngine.close();
            outbox.close();
        } finally {
            env.close();
        }
    }
}

package dev.ferry.outbox.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.FerryLog;
import dev.ferry.runtime.testing.fault.LocalMariaDb;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB server of the test's own is restarted while writers commit orders (business row and
 * outbox message in one JTA transaction) and the relay publishes: the relay resumes by itself, every
 * committed order's message is delivered, none without its order, duplicates only from the batches
 * in flight, and the relay's loop logs the restart once.
 */
class MariaDbRestartTest {

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    @Test
    void aRestartUnderLoadLosesNothingAndTheRelayResumesByItself() throws Exception {
        try (LocalMariaDb server = LocalMariaDb.start("mariadb-restart", 33309);
             FerryLog log = new FerryLog()) {
            String url = server.createDatabase("restart_under_load");
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY)");
            }
            try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user("root").password("")
                    .objectStoreDirectory(Path.of("target", "narayana")).build();
                 OutboxEngine engine = OutboxEngine.builder().environment(env).settings(OutboxSettings.builder()
                                 .table("outbox").relayThreads(2).batchSize(20).pollInterval(Duration.ofMillis(200))
                                 .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).relayId("maria").build())
                         .publisher(new InProcessPublisher(m -> {
                             deliveries.incrementAndGet();
                             delivered.computeIfAbsent(m.key(), k -> new AtomicInteger()).incrementAndGet();
                         }))
                         .createTables(true).build()) {
                engine.start();
                List<Thread> writers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Thread t = new Thread(() -> {
                        while (writing.get()) {
                            writeOne(env, engine);
                        }
                    });
                    writers.add(t);
                    t.start();
                }
                awaitAcknowledged(100);
                int mark = log.size();
                server.restart();
                awaitAcknowledged(200);
                writing.set(false);
                for (Thread t : writers) {
                    t.join(60_000);
                }
                Await.until(Duration.ofSeconds(60), "every order's message delivered", () -> {
                    try {
                        return delivered.keySet().containsAll(strings(url, "SELECT id FROM orders"))
                                && strings(url, "SELECT seq FROM outbox").isEmpty();
                    } catch (SQLException e) {
                        return false;
                    }
                });
                Set<String> orders = new HashSet<>(strings(url, "SELECT id FROM orders"));
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(orders);
                assertTrue(lost.isEmpty(), "every acknowledged commit has its order, missing: " + lost);
                assertEquals(orders, delivered.keySet(), "a message for every order, none without");
                int duplicates = deliveries.get() - delivered.size();
                assertTrue(duplicates <= 2 * 20, duplicates + " duplicates, more than the batches in flight");
                List<String> relayLines = log.since(mark).stream()
                        .filter(l -> l.contains("ferry-relay-maria ")).toList();
                assertTrue(relayLines.stream().filter(l -> l.startsWith("WARNING")).count() <= 1,
                        "the restart logged once by the relay's loop: " + relayLines);
                Set<String> failedButCommitted = new HashSet<>(failed);
                failedButCommitted.retainAll(orders);
                System.out.println("MariaDB restart: orders " + orders.size() + ", acknowledged " + acknowledged.size()
                        + ", failed " + failed.size() + " " + failures + " (committed after all: "
                        + failedButCommitted.size() + "), duplicates " + duplicates
                        + "; relay loop lines: " + relayLines);
            }
        }
    }

    private void awaitAcknowledged(int atLeast) {
        Await.until(Duration.ofSeconds(90), atLeast + " orders acknowledged", () -> acknowledged.size() >= atLeast);
    }

    private void writeOne(JavaSeEnvironment env, OutboxEngine engine) {
        String id = Integer.toString(next.incrementAndGet());
        UserTransaction ut = env.userTransaction();
        try {
            ut.begin();
            try (Connection c = env.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            engine.outbox().publish("orders", id, Map.of("id", id));
            ut.commit();
            acknowledged.add(id);
        } catch (Exception e) {
            failed.add(id);
            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            try {
                if (ut.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    ut.rollback();
                }
            } catch (Exception rollbackFailure) {
                // gone with the connection
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}

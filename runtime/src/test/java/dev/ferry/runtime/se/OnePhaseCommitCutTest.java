package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.fault.LocalMariaDb;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A transaction's one connection is cut while MariaDB runs its {@code XA COMMIT ... ONE PHASE}: the
 * JVM cannot know whether the server committed, so {@code commit()} must not return normally. It
 * did, when the server had rolled the unprepared branch back as the session ended: an acknowledged
 * commit lost. The commit is held on the server by a backup lock taken from another session, so the
 * cut lands inside it, not before or after; then the writer's session is killed, or the server is
 * restarted as {@code MariaDbRestartTest} does. MariaDB of the test's own: the lock would stop every
 * commit of a shared server.
 */
class OnePhaseCommitCutTest {

    @Test
    void aConnectionKilledDuringTheOnePhaseCommitIsNotAcknowledged() throws Exception {
        Outcome outcome = cutDuringCommit("kill", (server, url) -> {
            long session = committingSession(url);
            try (Connection other = DriverManager.getConnection(url, "root", "");
                 Statement st = other.createStatement()) {
                st.execute("KILL CONNECTION " + session);
            }
        });
        assertEquals(0, outcome.orders(), "the server rolled the branch back");
        assertInstanceOf(HeuristicMixedException.class, outcome.failure(),
                "commit() reports the unknown outcome, it does not return normally: " + outcome.failure());
    }

    @Test
    void aServerRestartedDuringTheOnePhaseCommitDoesNotAcknowledgeIt() throws Exception {
        // A clean shutdown ends the lock's session too: the commit may go through before its own ends.
        Outcome outcome = cutDuringCommit("restart", (server, url) -> server.restart());
        assertTrue(outcome.orders() <= 1, "the order committed or not: " + outcome.orders());
        assertInstanceOf(HeuristicMixedException.class, outcome.failure(),
                "commit() reports the unknown outcome, it does not return normally (orders: " + outcome.orders()
                        + "): " + outcome.failure());
    }

    /**
     * Holds a one-phase commit of one order on the server, cuts it with {@code cut}, and checks that
     * nothing is left running or prepared (nothing for recovery to finish).
     *
     * @return what {@code commit()} threw, and the orders in the database afterwards
     */
    private static Outcome cutDuringCommit(String name, Cut cut) throws Exception {
        try (LocalMariaDb server = LocalMariaDb.start("xa-commit-" + name, 33311)) {
            String url = server.createDatabase("commit_cut");
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY)");
            }
            try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user("root").password("")
                    .objectStoreDirectory(Path.of("target", "narayana")).build();
                 Connection admin = DriverManager.getConnection(url, "root", "");
                 Statement lock = admin.createStatement()) {
                CompletableFuture<Throwable> outcome = commitBlockedBy(lock, env, url, name);
                cut.cut(server, url);
                Throwable failure = outcome.get(60, TimeUnit.SECONDS);
                if (admin.isValid(5)) {
                    lock.execute("BACKUP STAGE END");
                }
                Await.until(Duration.ofSeconds(30), "the writer's session ended", () -> {
                    try {
                        return count(url, "SELECT COUNT(*) FROM information_schema.processlist"
                                + " WHERE info LIKE 'XA %'") == 0;
                    } catch (SQLException e) {
                        return false;
                    }
                });
                try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("XA RECOVER")) {
                    assertFalse(rs.next(), "nothing prepared, nothing for recovery to finish");
                }
                return new Outcome(failure, count(url, "SELECT COUNT(*) FROM orders"));
            }
        }
    }

    /** What cuts the writer's session while its commit waits. */
    private interface Cut {
        void cut(LocalMariaDb server, String url) throws Exception;
    }

    /** What {@code commit()} threw (null: it returned normally), and how many orders are there. */
    private record Outcome(Throwable failure, long orders) {
    }

    /**
     * Starts a transaction that inserts one order and commits it on another thread, once {@code lock}
     * holds back every commit of the server; returns when its {@code XA COMMIT} waits for the lock.
     *
     * @return what {@code commit()} threw, or null if it returned normally
     */
    private static CompletableFuture<Throwable> commitBlockedBy(Statement lock, JavaSeEnvironment env, String url,
                                                                String id) throws Exception {
        UserTransaction ut = env.userTransaction();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Void> inserted = new CompletableFuture<>();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                ut.begin();
                try (Connection c = env.dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                inserted.complete(null);
                locked.get(60, TimeUnit.SECONDS);
                ut.commit();
                outcome.complete(null);
            } catch (Throwable t) {
                inserted.completeExceptionally(t);
                outcome.complete(t);
            }
        }, "writer-" + id);
        writer.setDaemon(true);
        writer.start();
        inserted.get(60, TimeUnit.SECONDS);
        lock.execute("BACKUP STAGE START");
        lock.execute("BACKUP STAGE BLOCK_COMMIT");
        locked.complete(null);
        Await.until(Duration.ofSeconds(30), "the XA COMMIT waiting for the backup lock", () -> {
            try {
                return committingSession(url) > 0;
            } catch (SQLException e) {
                return false;
            }
        });
        return outcome;
    }

    /** @return the id of the session whose {@code XA COMMIT} waits, or 0 */
    private static long committingSession(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM information_schema.processlist"
                     + " WHERE info LIKE 'XA COMMIT%' AND state LIKE '%lock%'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package dev.ferry.runtime.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.ChildJvm;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed between the two phases of a transaction over two databases leaves both branches
 * prepared; a JVM started with {@code recovery(true)} on the same object store and node identifier
 * commits them. MariaDB, whose XA needs no server setting (PostgreSQL's needs
 * {@code max_prepared_transactions}, 0 on this machine).
 */
class InDoubtRecoveryTest {

    @Test
    void aCrashBetweenThePhasesIsCommittedByTheNextJvm() throws Exception {
        try (TestSchema a = TestDatabase.MARIADB.createSchema("indoubt_a");
             TestSchema b = TestDatabase.MARIADB.createSchema("indoubt_b")) {
            for (TestSchema s : new TestSchema[] {a, b}) {
                try (Connection c = s.connect(); Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id VARCHAR(36) PRIMARY KEY)");
                }
            }
            Path store = Files.createDirectories(Path.of("target", "indoubt-" + UUID.randomUUID()));
            String node = "indoubt-" + UUID.randomUUID().toString().substring(0, 8);
            String id = UUID.randomUUID().toString();
            Set<String> before = preparedBranches(a);
            Set<String> inDoubt = new HashSet<>();
            try {
                String crashed = runChild("crash", a, b, store, node, id, true);
                assertTrue(crashed.contains("HALTING"), crashed);
                inDoubt.addAll(preparedBranches(a));
                inDoubt.removeAll(before);
                assertEquals(2, inDoubt.size(),
                        "both branches prepared and left in doubt: " + inDoubt + "\n" + crashed);
                assertEquals(0, rows(a, id) + rows(b, id), "nothing committed yet");

                String recovered = runChild("recover", a, b, store, node, id, false);
                assertTrue(recovered.contains("RECOVERED"), recovered);
                assertEquals(1, rows(a, id), "database A committed");
                assertEquals(1, rows(b, id), "database B committed");
                Set<String> left = preparedBranches(a);
                left.retainAll(inDoubt);
                assertTrue(left.isEmpty(), "no branch left prepared: " + left);
            } finally {
                rollBackLeftovers(a, inDoubt);
            }
        }
    }

    @Test
    void recoveryNeedsAStableNodeAndStore() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JavaSeEnvironment.builder()
                .jdbcUrl("jdbc:mariadb://127.0.0.1:3306/").recovery(true).build());
        assertTrue(e.getMessage().contains("recovery(true) needs") && e.getMessage().contains("nodeIdentifier: null"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> JavaSeEnvironment.builder()
                .jdbcUrl("jdbc:mariadb://127.0.0.1:3306/").recovery(true).xa(false)
                .objectStoreDirectory(Path.of("target")).nodeIdentifier("n").build());
        assertTrue(e.getMessage().contains("xa: false"), e.getMessage());
        assertFalse(e.getMessage().contains("nodeIdentifier: null"), e.getMessage());
    }

    @Test
    void anEnvironmentThatCannotConnectLeavesNoRecoveryThreadBehind() throws Exception {
        try (TestSchema a = TestDatabase.MARIADB.createSchema("indoubt_u")) {
            Path store = Files.createDirectories(Path.of("target", "indoubt-" + UUID.randomUUID()));
            String output = runChild("unreachable", a, a, store, "indoubt-u", "x", false);
            assertTrue(output.contains("REFUSED Cannot connect to jdbc:mariadb://127.0.0.1:1/")
                    && output.contains("Connection refused"), output);
        }
    }

    /** Runs the child JVM to its end and returns its output. */
    private static String runChild(String mode, TestSchema a, TestSchema b, Path store, String node, String id,
                                   boolean halt) throws Exception {
        File log = new File("target", "indoubt-" + mode + ".log");
        Process child = ChildJvm.start(List.of("-Dferry.test.halt=" + halt), InDoubtChild.class, log, mode,
                a.jdbcUrl(), b.jdbcUrl(), a.user(), a.password() == null ? "" : a.password(),
                store.toAbsolutePath().toString(), node, id);
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertTrue(ended, mode + " child did not end within 120 s; output:\n" + output);
        assertEquals(halt ? 77 : 0, child.exitValue(), mode + " child exit code; output:\n" + output);
        return output;
    }

    /** @return the server's prepared XA branches, as {@code XA RECOVER} lists them: SQL xid literals */
    private static Set<String> preparedBranches(TestSchema s) throws Exception {
        Set<String> branches = new HashSet<>();
        try (Connection c = s.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("XA RECOVER FORMAT='SQL'")) {
            while (rs.next()) {
                branches.add(rs.getString("data"));
            }
        }
        return branches;
    }

    /** Rolls back this test's branches still prepared after a failure, so that they hold no locks. */
    private static void rollBackLeftovers(TestSchema s, Set<String> inDoubt) throws Exception {
        Set<String> left = preparedBranches(s);
        left.retainAll(inDoubt);
        try (Connection c = s.connect(); Statement st = c.createStatement()) {
            for (String xid : left) {
                st.execute("XA ROLLBACK " + xid);
            }
        }
    }

    private static int rows(TestSchema s, String id) throws Exception {
        try (Connection c = s.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM t WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

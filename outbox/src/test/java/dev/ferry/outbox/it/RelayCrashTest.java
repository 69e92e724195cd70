package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.ChildJvm;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Kills a relay JVM with SIGKILL in the middle of a stream, restarts a relay, and counts what
 * arrived: nothing lost, per-key order intact, duplicates only from the batch in flight.
 */
class RelayCrashTest {

    private static final int MESSAGES = 20_000;
    private static final int KEYS = 200;
    private static final int CHILD_BATCH = 50;

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void killedRelayLosesNothing(TestDatabase database) throws Exception {
        try (OutboxFixture fx = new OutboxFixture(database, "crash")) {
            OutboxSettings settings = fx.settings().relayId("survivor").leaseDuration(Duration.ofSeconds(3)).build();
            TableSinkPublisher sink = new TableSinkPublisher(fx.schema.jdbcUrl(), fx.schema.user(),
                    fx.schema.password());
            OutboxEngine writer = fx.engine(settings, sink);
            try (Connection c = fx.schema.connect()) {
                TableSinkPublisher.createTable(c, database);
            }
            for (int tx = 0; tx < MESSAGES / 1000; tx++) {
                int base = tx * 1000;
                fx.inTransaction(() -> {
                    for (int i = base; i < base + 1000; i++) {
                        writer.outbox().publish("t", "key-" + (i % KEYS), i);
                    }
                    return null;
                });
            }

            Path dir = Files.createTempDirectory("ferry-relay-child");
            Process child = startChild(fx, dir);
            try {
                Await.until(Duration.ofSeconds(60), "the child relay to publish 4000 messages",
                        () -> child.isAlive() && fx.countUnchecked("SELECT COUNT(*) FROM received") >= 4000);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
                child.waitFor();
            }
            long beforeRestart = fx.count("SELECT COUNT(*) FROM received");
            long pending = fx.count("SELECT COUNT(*) FROM outbox");
            System.out.printf("[%s] child killed (exit %d) after %d deliveries; %d messages still in the outbox%n",
                    database, child.exitValue(), beforeRestart, pending);
            assertTrue(pending > 0, "the child was killed in the middle of the stream");

            writer.start();
            Await.until(Duration.ofMinutes(2), "the survivor to empty the outbox",
                    () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox") == 0);

            List<String[]> received = readReceived(fx);
            Set<String> distinct = new HashSet<>();
            int duplicates = 0;
            for (String[] r : received) {
                if (!distinct.add(r[0])) {
                    duplicates++;
                }
            }
            System.out.printf("[%s] after restart: %d received, %d distinct, %d duplicates%n",
                    database, received.size(), distinct.size(), duplicates);
            assertEquals(MESSAGES, distinct.size(), "no message lost");
            assertTrue(duplicates <= CHILD_BATCH, "duplicates only from the killed batch, were " + duplicates);
            assertEquals(Map.of(), orderViolations(received));
            Files.deleteIfExists(dir.resolve("started"));
        }
    }

    private static Process startChild(OutboxFixture fx, Path dir) throws Exception {
        return ChildJvm.start(List.of("-Xmx256m"), RelayChildProcess.class, new File(dir.toFile(), "child.log"),
                fx.schema.jdbcUrl(), fx.schema.user(),
                fx.schema.password() == null || fx.schema.password().isEmpty() ? "-" : fx.schema.password(),
                fx.schema.schema(), dir.toString());
    }

    private static List<String[]> readReceived(OutboxFixture fx) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = fx.schema.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT msg_id, msg_key, seq FROM received ORDER BY n")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
            }
        }
        return rows;
    }

    /** Per key, first deliveries must come in write (sequence) order; re-deliveries are skipped. */
    private static Map<String, String> orderViolations(List<String[]> received) {
        Map<String, Long> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> violations = new HashMap<>();
        for (String[] r : received) {
            if (!seen.add(r[0])) {
                continue;
            }
            long seq = Long.parseLong(r[2]);
            Long prev = last.put(r[1], seq);
            if (prev != null && prev > seq) {
                violations.put(r[1], prev + " before " + seq);
            }
        }
        return violations;
    }
}

package dev.ferry.saga.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.FerryLog;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.fault.LocalPostgresCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server of the test's own is restarted, and stopped for 30 s, while writers commit
 * orders (business row, outbox message and saga start in one JTA transaction), the relay publishes
 * and saga workers run steps. Ferry resumes by itself, with no engine restarted, loses nothing, and
 * logs the outage once per loop, not once per poll.
 */
class PostgresOutageTest {

    private static LocalPostgresCluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = LocalPostgresCluster.start("pg-outage", 25329);
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aRestartUnderLoadLosesNothingAndFerryResumesByItself() throws Exception {
        String url = cluster.createDatabase("restart_under_load");
        try (FerryLog log = new FerryLog();
             FaultLoad load = new FaultLoad(url, cluster.user(), TestDatabase.POSTGRESQL, UnaryOperator.identity())) {
            load.start();
            load.startWriting(2, 10);
            load.awaitAcknowledged(60, Duration.ofSeconds(60));
            int mark = log.size();
            cluster.restart();
            load.awaitAcknowledged(100, Duration.ofSeconds(90));
            load.stopWriting();
            load.awaitSettled(Duration.ofSeconds(90));
            String counted = load.assertCounted(2 * 20);
            List<String> warnings = log.since(mark).stream().filter(l -> l.startsWith("WARNING")).toList();
            System.out.println("PostgreSQL restart: " + counted + "; Ferry warnings: " + warnings.size());
            warnings.forEach(w -> System.out.println("  " + w.lines().findFirst().orElse("")));
        }
    }

    @Test
    void aThirtySecondOutageUnderLoadLosesNothingAndIsLoggedOncePerLoop() throws Exception {
        String url = cluster.createDatabase("outage_under_load");
        try (FerryLog log = new FerryLog();
             FaultLoad load = new FaultLoad(url, cluster.user(), TestDatabase.POSTGRESQL, UnaryOperator.identity())) {
            load.start();
            load.startWriting(2, 10);
            load.awaitAcknowledged(60, Duration.ofSeconds(60));
            int mark = log.size();
            cluster.stop("immediate");
            long stoppedAt = System.nanoTime();
            int failedBefore = load.failed();
            Thread.sleep(30_000); // the outage: a fault of a chosen length, writers keep trying meanwhile
            int failedDuring = load.failed() - failedBefore;
            cluster.startServer();
            double outage = (System.nanoTime() - stoppedAt) / 1e9;
            load.awaitAcknowledged(100, Duration.ofSeconds(120));
            load.stopWriting();
            load.awaitSettled(Duration.ofSeconds(120));
            String counted = load.assertCounted(2 * 20);
            List<String> lines = log.since(mark);
            List<String> warnings = lines.stream().filter(l -> l.startsWith("WARNING")).toList();
            System.out.printf("PostgreSQL outage of %.1f s: %s; writer transactions failed during it: %d;"
                    + " Ferry warnings: %d%n", outage, counted, failedDuring, warnings.size());
            warnings.forEach(w -> System.out.println("  " + w.lines().findFirst().orElse("")));
            assertTrue(failedDuring > 0, "writers kept trying during the outage");
            // Each polling loop: one line when the outage began, one when it worked again, however many
            // threads and rounds failed (the saga workers' loop fails only when a claim does; a saga whose
            // step the outage broke is logged by itself, once per saga in flight).
            for (String loop : List.of("ferry-relay-fault-relay", "ferry-saga-heartbeat-fault-worker",
                    "ferry-saga-fault-worker")) {
                long began = warnings.stream().filter(w -> w.contains(loop + " failed")).count();
                long ended = lines.stream().filter(w -> w.startsWith("INFO") && w.contains(loop + " works again"))
                        .count();
                assertTrue(began <= 1 && ended == began, loop + ": " + began + " warnings, " + ended
                        + " lines saying it works again: " + lines);
                if (!loop.equals("ferry-saga-fault-worker")) {
                    assertEquals(1, began, loop + " failed during the outage: " + lines);
                }
            }
            long sagaLines = warnings.stream().filter(w -> w.contains("could not progress")
                    || w.contains("Cannot release the lease on saga")).count();
            assertTrue(sagaLines <= 2 * 2 * 40, sagaLines + " lines about sagas in flight, more than 2 workers claim");
            assertEquals(warnings.size(), sagaLines + warnings.stream().filter(w -> w.contains(" failed, retrying"))
                    .count(), "no other warnings: " + warnings);
        }
    }
}

package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.runtime.testing.fault.LocalPostgresCluster;
import dev.ferry.sample.it.OrderStream;
import dev.ferry.sample.it.SampleCrashAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample on WildFly 35 (XA data source, JMS, MDB) over a PostgreSQL of the test's own, under a stream of
 * orders: the database restarted ({@code pg_ctl restart -m fast}), then stopped for 30 s ({@code -m immediate}) and
 * started again. Ferry resumes by itself (no redeployment, no server restart), each of its polling loops logs the
 * outage once (not per poll), and {@link SampleCrashAudit} counts: nothing lost, nothing twice.
 */
class WildFlyDatabaseOutageIT {

    private static final String DATABASE = "ferry_outage";
    private static final int BETWEEN_FAULTS = 60;
    private static final Pattern OUTAGE_LINE = Pattern.compile("(ferry-\\S+) failed, retrying in");

    @Test
    void restartAndThirtySecondsDownResumeByThemselvesLoggedOnceCountedWhole() throws Exception {
        try (LocalPostgresCluster pg = LocalPostgresCluster.start("wildfly-outage", 25360)) {
            String url = pg.createDatabase(DATABASE);
            Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
                    .resolve("outage");
            WildFlyServer server = new WildFlyServer(AppServer.Pool.XA, DATABASE, pg.port(), work);
            server.start();
            try {
                server.deploy("sample", Path.of(System.getProperty("ferry.sample.war")));
                long logStart = Files.size(server.log());
                SampleCrashAudit audit = new SampleCrashAudit(url, pg.user(), "");
                try (OrderStream orders = new OrderStream(server.baseUrl(), 4)) {
                    orders.awaitAcknowledged(BETWEEN_FAULTS, Duration.ofMinutes(2));
                    AtomicityChecks.log("restarting PostgreSQL after " + orders.acknowledged().size() + " orders; "
                            + audit.snapshot());
                    pg.restart();
                    int afterRestart = orders.acknowledged().size();
                    orders.awaitAcknowledged(afterRestart + BETWEEN_FAULTS, Duration.ofMinutes(2));
                    AtomicityChecks.log("stopping PostgreSQL for 30 s after " + orders.acknowledged().size()
                            + " orders; " + audit.snapshot());
                    pg.stop("immediate");
                    Thread.sleep(30_000); // the outage itself: writers, relay and workers keep trying
                    int duringOutage = orders.acknowledged().size();
                    pg.startServer();
                    orders.awaitAcknowledged(duringOutage + BETWEEN_FAULTS, Duration.ofMinutes(3));
                    orders.stop();
                    AtomicityChecks.log(orders.acknowledged().size() + " orders acknowledged, " + orders.failures()
                            + " requests failed during the faults; " + audit.snapshot());
                    assertTrue(orders.failures() > 0, "no request failed: the database was not down");
                    List<String> problems = audit.afterRecovery(orders.acknowledged(), Duration.ofMinutes(3));
                    AtomicityChecks.log("after recovery: " + audit.snapshot() + "; " + problems.size() + " problems");
                    if (!problems.isEmpty()) {
                        fail(server.name() + ", database restart and outage: " + problems.size() + " problems:\n  - "
                                + String.join("\n  - ", problems.stream().limit(15).toList()) + "\nserver log: "
                                + server.log());
                    }
                }
                Map<String, Integer> outageLines = outageLines(server.log(), logStart);
                AtomicityChecks.log("outage warnings per polling loop: " + outageLines);
                outageLines.forEach((loop, n) -> assertTrue(n <= 2, loop + " logged " + n + " outage warnings for"
                        + " two faults (expected one per fault, not one per poll); see " + server.log()));
            } finally {
                server.stop();
            }
        }
    }

    /** @return per polling loop, the "failed, retrying in" warnings in the server log since the offset */
    private static Map<String, Integer> outageLines(Path log, long offset) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        String text = Processes.readFrom(log, offset);
        for (String line : text.split("\n")) {
            if (!line.contains(" WARN ")) {
                continue;
            }
            Matcher m = OUTAGE_LINE.matcher(line);
            if (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }
}

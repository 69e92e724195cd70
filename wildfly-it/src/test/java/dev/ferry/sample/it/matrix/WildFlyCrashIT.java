package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.sample.it.OrderStream;
import dev.ferry.sample.it.SampleCrashAudit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample on WildFly 35 with the PostgreSQL XA data source, its outbox publishing to the embedded Artemis and an
 * MDB consuming through the inbox: 1,200 orders sent from 8 threads, {@code kill -9} of the server once 1,000 were
 * acknowledged (sagas mid-step, relay batches and XA transactions in flight, the MDB consuming), then the same
 * server started again. Counted by {@link SampleCrashAudit}: nothing lost, nothing twice, nothing without its order.
 */
class WildFlyCrashIT {

    private static final String DATABASE = "ferry_matrix_crash";
    private static final int ORDERS = 1200;
    private static final int KILL_AFTER = 1000;

    @Test
    void killMinus9WithAThousandOrdersInFlightLosesNothingAndRunsNothingTwice() throws Exception {
        MatrixDatabase db = new MatrixDatabase(DATABASE);
        db.recreate();
        Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
                .resolve("crash");
        WildFlyServer server = new WildFlyServer(AppServer.Pool.XA, db.name, work);
        server.start();
        try {
            server.deploy("sample", Path.of(System.getProperty("ferry.sample.war")));
            OrderStream.awaitUp(server.baseUrl(), Duration.ofMinutes(1), () -> true);
            SampleCrashAudit audit = new SampleCrashAudit(db.name);

            List<OrderStream.Placed> acknowledged;
            try (OrderStream orders = new OrderStream(server.baseUrl(), 8, ORDERS)) {
                orders.awaitAcknowledged(KILL_AFTER, Duration.ofMinutes(3));
                assertTrue(orders.failures() == 0, "requests failed before the kill: " + orders.errors());
                server.kill9();
                orders.stop();
                acknowledged = orders.acknowledged();
                AtomicityChecks.log("kill -9 after " + acknowledged.size() + " acknowledged of " + orders.sent()
                        + " sent");
            }
            String atKill = audit.snapshot();
            AtomicityChecks.log("at the kill: " + atKill);
            assertTrue(audit.openSagas() > 0, "the kill should find sagas in flight: " + atKill);

            long restart = System.nanoTime();
            server.restart();
            OrderStream.awaitUp(server.baseUrl(), Duration.ofMinutes(3), () -> true);
            AtomicityChecks.log(server.name() + " up again after " + (System.nanoTime() - restart) / 1_000_000
                    + " ms");
            List<String> problems = audit.afterRecovery(acknowledged, Duration.ofMinutes(3));
            AtomicityChecks.log("after recovery (" + (System.nanoTime() - restart) / 1_000_000 + " ms from the"
                    + " restart): " + audit.snapshot() + "; " + problems.size() + " problems");
            if (!problems.isEmpty()) {
                fail(server.name() + ", kill -9 with " + ORDERS + " orders: " + problems.size() + " problems:\n  - "
                        + String.join("\n  - ", problems.stream().limit(15).toList()) + "\nserver log: "
                        + server.log());
            }
        } finally {
            server.stop();
        }
    }
}

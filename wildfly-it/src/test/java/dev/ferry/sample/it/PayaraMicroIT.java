package dev.ferry.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same sample WAR on Payara Micro (from Maven Central) with EclipseLink and PostgreSQL: the
 * server's default data source is pointed at PostgreSQL by a post-boot command file, and the outbox
 * publishes as CDI events (Payara Micro has no JMS broker).
 */
class PayaraMicroIT {

    private static final String DATABASE = "ferry_sample_payara";
    private static final String CRASH_DATABASE = "ferry_sample_payara_crash";
    private static final int PORT = 18080;

    @Test
    void orderIsPublishedAndItsSagaCompletesOnPayaraMicro() throws Exception {
        recreate(DATABASE);
        Path work = Files.createTempDirectory("ferry-payara");
        Process payara = start(work, DATABASE);
        try {
            SampleClient client = new SampleClient("http://127.0.0.1:" + PORT);
            OrderStream.awaitUp("http://127.0.0.1:" + PORT, Duration.ofMinutes(3), payara::isAlive);
            SampleClient.Reply placed = client.placeOrder("{\"customer\":\"ada\",\"totalCents\":1999}");
            assertEquals(201, placed.status(), placed.body().toString());
            String orderId = placed.text("id");

            JsonNode saga = client.awaitSaga(placed.text("sagaId"), s -> s.path("status").asText().equals("COMPLETED"),
                    Duration.ofSeconds(60));
            assertEquals(3, saga.path("effects").size(), saga.toString());
            JsonNode order = client.awaitOrder(orderId, o -> o.path("receivedEvents").size() > 0,
                    Duration.ofSeconds(60));
            assertTrue(order.path("receivedEvents").get(0).asText().startsWith("cdi-event:"), order.toString());
            assertEquals("FULFILLED", order.path("status").asText());

            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SampleDatabase.HOST + ":"
                    + SampleDatabase.PORT + "/" + DATABASE, SampleDatabase.USER, SampleDatabase.PASSWORD);
                 Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM sample_order")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "the order is in PostgreSQL, written by EclipseLink");
            }
        } finally {
            payara.destroy();
            if (!payara.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
        }
    }

    /**
     * 300 orders from 4 threads, SIGKILL of Payara Micro once 150 were acknowledged (sagas mid-step, the relay
     * publishing CDI events to the inbox consumer), then Payara Micro started again on the same root directory:
     * nothing lost, nothing twice, nothing without its order (see {@link SampleCrashAudit}).
     */
    @Test
    void killMinus9MidBurstLosesNothingAndRunsNothingTwiceOnPayaraMicro() throws Exception {
        recreate(CRASH_DATABASE);
        Path work = Files.createTempDirectory("ferry-payara-crash");
        Process payara = start(work, CRASH_DATABASE);
        try {
            String base = "http://127.0.0.1:" + PORT;
            Process first = payara;
            OrderStream.awaitUp(base, Duration.ofMinutes(3), first::isAlive);
            SampleCrashAudit audit = new SampleCrashAudit(CRASH_DATABASE);
            List<OrderStream.Placed> acknowledged;
            try (OrderStream orders = new OrderStream(base, 4, 300)) {
                orders.awaitAcknowledged(150, Duration.ofMinutes(2));
                assertTrue(orders.failures() == 0, "requests failed before the kill: " + orders.errors());
                first.destroyForcibly(); // SIGKILL
                first.waitFor();
                orders.stop();
                acknowledged = orders.acknowledged();
                System.out.println("[payara-micro] kill -9 after " + acknowledged.size() + " acknowledged of "
                        + orders.sent() + " sent");
            }
            String atKill = audit.snapshot();
            System.out.println("[payara-micro] at the kill: " + atKill);
            assertTrue(audit.openSagas() > 0, "the kill should find sagas in flight: " + atKill);

            payara = start(work, CRASH_DATABASE);
            Process second = payara;
            OrderStream.awaitUp(base, Duration.ofMinutes(3), second::isAlive);
            List<String> problems = audit.afterRecovery(acknowledged, Duration.ofMinutes(3));
            System.out.println("[payara-micro] after recovery: " + audit.snapshot());
            assertTrue(problems.isEmpty(), "Payara Micro, kill -9 mid-burst: " + problems.size() + " problems:\n  - "
                    + String.join("\n  - ", problems.stream().limit(15).toList()) + "\nlog: "
                    + work.resolve("payara.log"));
        } finally {
            payara.destroy();
            if (!payara.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
        }
    }

    private static void recreate(String database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SampleDatabase.HOST + ":"
                + SampleDatabase.PORT + "/postgres", SampleDatabase.USER, SampleDatabase.PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        }
    }

    private static Process start(Path work, String database) throws Exception {
        return start(work, database, PORT, Path.of("src", "test", "payara", "post-boot.asadmin").toAbsolutePath());
    }

    /**
     * Starts Payara Micro with the sample WAR, its default data source on a PostgreSQL database; output goes to
     * {@code payara.log} in {@code work}.
     *
     * @param work the root and log directory
     * @param database the sample's database
     * @param port the HTTP port
     * @param postBoot the asadmin command file run after boot
     * @return the server's process
     */
    static Process start(Path work, String database, int port, Path postBoot) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx768m",
                "-Dferry.outbox.publisher=cdi-event",
                "-jar", System.getProperty("payara.micro.jar"),
                "--nocluster", "--port", Integer.toString(port), "--contextroot", "/",
                "--rootdir", work.resolve("root").toString(),
                "--addlibs", System.getProperty("postgresql.jar"),
                "--postbootcommandfile", postBoot.toString(),
                "--deploy", System.getProperty("ferry.sample.war")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(work.toFile(), "payara.log")));
        Map<String, String> env = pb.environment();
        env.put("FERRY_PG_HOST", SampleDatabase.HOST);
        env.put("FERRY_PG_PORT", SampleDatabase.PORT);
        env.put("FERRY_PG_PAYARA_DATABASE", database);
        env.put("FERRY_PG_USER", SampleDatabase.USER);
        env.put("FERRY_PG_PASSWORD", SampleDatabase.PASSWORD);
        return pb.start();
    }
}

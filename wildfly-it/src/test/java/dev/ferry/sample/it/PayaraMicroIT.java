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
    private static final int PORT = 18080;

    @Test
    void orderIsPublishedAndItsSagaCompletesOnPayaraMicro() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SampleDatabase.HOST + ":"
                + SampleDatabase.PORT + "/postgres", SampleDatabase.USER, SampleDatabase.PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        Path work = Files.createTempDirectory("ferry-payara");
        Process payara = start(work);
        try {
            SampleClient client = new SampleClient("http://127.0.0.1:" + PORT);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!client.isUp()) {
                assertTrue(payara.isAlive(), "Payara Micro exited; see " + work.resolve("payara.log"));
                assertTrue(System.nanoTime() < deadline, "Payara Micro did not start in 3 minutes; see "
                        + work.resolve("payara.log"));
                Thread.sleep(500);
            }
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

    private static Process start(Path work) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path postBoot = Path.of("src", "test", "payara", "post-boot.asadmin").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx768m",
                "-Dferry.outbox.publisher=cdi-event",
                "-jar", System.getProperty("payara.micro.jar"),
                "--nocluster", "--port", Integer.toString(PORT), "--contextroot", "/",
                "--rootdir", work.resolve("root").toString(),
                "--addlibs", System.getProperty("postgresql.jar"),
                "--postbootcommandfile", postBoot.toString(),
                "--deploy", System.getProperty("ferry.sample.war")))
                .redirectErrorStream(true)
                .redirectOutput(new File(work.toFile(), "payara.log"));
        Map<String, String> env = pb.environment();
        env.put("FERRY_PG_HOST", SampleDatabase.HOST);
        env.put("FERRY_PG_PORT", SampleDatabase.PORT);
        env.put("FERRY_PG_PAYARA_DATABASE", DATABASE);
        env.put("FERRY_PG_USER", SampleDatabase.USER);
        env.put("FERRY_PG_PASSWORD", SampleDatabase.PASSWORD);
        return pb.start();
    }
}

package dev.ferry.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sample.it.matrix.AppServer.Pool;
import dev.ferry.sample.it.matrix.PayaraPorts;
import dev.ferry.sample.it.matrix.PayaraServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample WAR on Payara Server 6 as a user deploys it (README, "Deploying to Payara Server"): a domain of its own
 * (port base 10000, or {@code -Dferry.payara-server.portbase}), the PostgreSQL driver in its lib, a pool made with
 * {@code create-jdbc-connection-pool} at Payara's defaults behind {@code jdbc/__default}, the JMS queue resources
 * made with asadmin on the embedded OpenMQ broker, and the sample's outbox publishing there with
 * {@code ferry.outbox.publisher=jms}; its message-driven bean consumes through the inbox. One server start for all
 * checks, in order: the saga's happy path and the MDB receiving {@code OrderPlaced} once, compensation, the carrier
 * command over OpenMQ, a {@code kill -9} of the server's JVM with sagas running and the same domain started again,
 * and, over every order placed, the transaction ids PostgreSQL recorded for each write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerSampleIT {

    private static final String DATABASE = "ferry_payara_server_sample";
    private static final int PORT_BASE = Integer.getInteger("ferry.payara-server.portbase", 10000);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int BURST = 300;
    private static final int KILL_AFTER = 100;

    /**
     * The JMS configuration a user runs (README): the physical queues on OpenMQ, the queue resource the MDB reads,
     * and the one Ferry key OpenMQ needs (its destination names are Java identifiers: no '-').
     */
    static final List<String> JMS_COMMANDS = List.of(
            "create-jmsdest --desttype=queue orders",
            "create-jmsdest --desttype=queue carrier_commands",
            "create-jms-resource --restype=jakarta.jms.Queue --property=Name=orders jms/orders",
            "set-config-property --source=domain --propertyName=ferry.outbox.jms.destination.carrier-commands"
                    + " --propertyValue=carrier_commands");

    private final Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
            .resolve("payara-server-sample");
    private PayaraServer server;
    private SampleClient client;
    private SampleTransactionLog txLog;

    @BeforeAll
    void startPayaraServerAndDeployTheSample() throws Exception {
        SampleDatabase.recreate(DATABASE);
        PayaraServer.Builder builder = PayaraServer.builder(Pool.NON_XA, DATABASE, work).domain("ferry-sample")
                .poolName("FerryPool").ports(PayaraPorts.base(PORT_BASE));
        JMS_COMMANDS.forEach(builder::asadmin);
        server = builder.build();
        long t = System.nanoTime();
        log("starting " + server);
        try {
            server.start();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n(-Dferry.payara-server.portbase=n moves this test's domain;"
                    + " it is " + PORT_BASE + ")", e);
        }
        log("started and configured in " + since(t) + "; log: " + server.log());
        t = System.nanoTime();
        server.deploy("ferry-sample", "/", payaraServerWar());
        OrderStream.awaitUp(server.baseUrl(), Duration.ofMinutes(2), server::isAlive);
        log("sample deployed in " + since(t));
        client = new SampleClient(server.baseUrl());
        txLog = new SampleTransactionLog(DATABASE);
        txLog.install();
    }

    @AfterAll
    void stopAndDropTheDatabase() throws Exception {
        if (server != null) {
            server.stop();
            log("stopped; the domain stays in " + server.domainDir());
        }
        SampleDatabase.drop(DATABASE);
    }

    /** The sample WAR plus WEB-INF/ejb-jar.xml declaring its MDB on {@code jms/orders}, as README says. */
    private Path payaraServerWar() throws Exception {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("ferry.sample.war")));
        war.addAsWebInfResource(Path.of("src", "test", "payara-server", "ejb-jar.xml").toAbsolutePath().toFile(),
                "ejb-jar.xml");
        Files.createDirectories(work);
        Path file = work.resolve("ferry-sample-payara-server.war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    @Test
    @Order(1)
    void orderPlacedReachesTheMdbOnceThroughOpenMqAndTheSagaCompletes() throws Exception {
        SampleClient.Reply placed = client.placeOrder("{\"customer\":\"ada\",\"totalCents\":1999}");
        assertEquals(201, placed.status(), placed.body().toString());
        String orderId = placed.text("id");

        JsonNode saga = client.awaitSaga(placed.text("sagaId"), s -> s.path("status").asText().equals("COMPLETED"),
                WAIT);
        assertEquals(List.of("reserve-stock", "charge", "ship"), texts(saga.path("effects")), saga.toString());
        JsonNode order = client.awaitOrder(orderId, o -> o.path("receivedEvents").size() > 0, WAIT);
        assertEquals("FULFILLED", order.path("status").asText(), order.toString());
        awaitDelivered(orderId);
        JsonNode settled = client.order(orderId).body();
        assertEquals(1, settled.path("receivedEvents").size(), settled.toString());
        assertTrue(settled.path("receivedEvents").get(0).asText().startsWith("jms:"), settled.toString());
        assertEquals(1, count("SELECT COUNT(*) FROM sample_received_event WHERE orderid = ? AND channel = 'jms'",
                orderId), "OrderPlaced recorded once by the MDB");

        SampleClient.Reply refused = client.placeOrder("{\"customer\":\"blocked\",\"totalCents\":100}");
        assertEquals(422, refused.status(), refused.body().toString());
        assertEquals(0, count("SELECT COUNT(*) FROM sample_order WHERE customer = 'blocked'"), "rolled back");
    }

    @Test
    @Order(2)
    void aStepThatFailsForGoodCompensatesTheCompletedStepsInReverseOrder() throws Exception {
        SampleClient.Reply shipping = client.placeOrder("{\"customer\":\"cy\",\"totalCents\":700,"
                + "\"failShipping\":true}");
        SampleClient.Reply payment = client.placeOrder("{\"customer\":\"di\",\"totalCents\":800,"
                + "\"failPayment\":true}");
        assertEquals(201, shipping.status(), shipping.body().toString());
        assertEquals(201, payment.status(), payment.body().toString());

        JsonNode saga = client.awaitSaga(shipping.text("sagaId"),
                s -> s.path("status").asText().equals("COMPENSATED"), WAIT);
        List<String> effects = texts(saga.path("effects"));
        assertEquals(4, effects.size(), effects.toString());
        assertEquals(List.of("reserve-stock", "charge"), effects.subList(0, 2));
        assertTrue(effects.get(2).startsWith("refund pay-"), effects.toString());
        assertEquals("release-stock", effects.get(3));
        assertEquals(List.of("reserveStock:COMPLETED", "charge:COMPLETED", "ship:FAILED", "charge:COMPENSATED",
                "reserveStock:COMPENSATED"), texts(saga.path("history")));

        JsonNode declined = client.awaitSaga(payment.text("sagaId"),
                s -> s.path("status").asText().equals("COMPENSATED"), WAIT);
        assertEquals(List.of("reserve-stock", "release-stock"), texts(declined.path("effects")), declined.toString());
        for (SampleClient.Reply r : List.of(shipping, payment)) {
            JsonNode order = client.awaitOrder(r.text("id"), o -> o.path("receivedEvents").size() > 0, WAIT);
            assertEquals("CANCELLED", order.path("status").asText(), order.toString());
            awaitDelivered(r.text("id"));
            assertEquals(1, count("SELECT COUNT(*) FROM sample_received_event WHERE orderid = ?", r.text("id")));
        }
    }

    /** The step's {@code ShipOrder} command goes to OpenMQ under its mapped name; the carrier's reply completes it. */
    @Test
    @Order(3)
    void aSagaWaitingForTheCarrierSendsItsCommandAndCompletesOnTheReply() throws Exception {
        SampleClient.Reply placed = client.placeOrder("{\"customer\":\"vera\",\"totalCents\":300,"
                + "\"awaitCarrier\":true}");
        assertEquals(201, placed.status(), placed.body().toString());
        String sagaId = placed.text("sagaId");
        client.awaitSaga(sagaId, s -> s.path("status").asText().equals("WAITING"), WAIT);
        // Committed once (the transaction log), then confirmed by OpenMQ: a delivered row is deleted at once, while a
        // send to an invalid name ("carrier-commands" unmapped) would stay, retried and then dead.
        assertEquals(1, count("SELECT COUNT(*) FROM sample_tx_log WHERE table_name = 'ferry_outbox'"
                + " AND op = 'ShipOrder' AND row_key = ?", placed.text("id")), "ShipOrder committed once");
        awaitDelivered(placed.text("id"));
        assertEquals(0, count("SELECT COUNT(*) FROM ferry_outbox WHERE msg_key = ?", placed.text("id")),
                "ShipOrder delivered to carrier_commands and deleted");

        SampleClient.Reply shipped = client.shipped(sagaId);
        assertTrue(shipped.status() / 100 == 2, shipped.status() + " " + shipped.body());
        JsonNode saga = client.awaitSaga(sagaId, s -> s.path("status").asText().equals("COMPLETED"), WAIT);
        assertEquals(List.of("reserve-stock", "charge", "ship-requested", "ship"), texts(saga.path("effects")),
                saga.toString());
    }

    /**
     * {@value #BURST} orders from 4 threads; SIGKILL of the server's JVM (and so of its embedded OpenMQ broker) once
     * {@value #KILL_AFTER} were acknowledged, with sagas running, the relay sending and the MDB consuming; then the
     * same domain started again. Counted by {@link SampleCrashAudit}: every saga terminal, every acknowledged order
     * there, its {@code OrderPlaced} received once, no step effect twice.
     */
    @Test
    @Order(4)
    void killMinus9WithSagasRunningLosesNothingAndRunsNothingTwice() throws Exception {
        SampleCrashAudit audit = new SampleCrashAudit(DATABASE);
        List<OrderStream.Placed> acknowledged;
        try (OrderStream orders = new OrderStream(server.baseUrl(), 4, BURST)) {
            orders.awaitAcknowledged(KILL_AFTER, Duration.ofMinutes(3));
            assertTrue(orders.failures() == 0, "requests failed before the kill: " + orders.errors());
            server.kill9();
            orders.stop();
            acknowledged = orders.acknowledged();
            log("kill -9 after " + acknowledged.size() + " acknowledged of " + orders.sent() + " sent");
        }
        String atKill = audit.snapshot();
        log("at the kill: " + atKill);
        assertTrue(audit.openSagas() > 0, "the kill should find sagas in flight: " + atKill);

        long restart = System.nanoTime();
        server.restart();
        OrderStream.awaitUp(server.baseUrl(), Duration.ofMinutes(3), server::isAlive);
        log("up again " + since(restart) + " after the restart began");
        long up = System.nanoTime();
        List<String> problems = audit.afterRecovery(acknowledged, Duration.ofMinutes(3));
        log("after recovery (" + since(up) + " after the sample was up again): " + audit.snapshot() + "; "
                + problems.size() + " problems");
        if (!problems.isEmpty()) {
            fail(server.name() + ", kill -9 with sagas running: " + problems.size() + " problems:\n  - "
                    + String.join("\n  - ", problems.stream().limit(15).toList()) + "\nserver log: " + server.log());
        }
    }

    /** Over every order placed above, also across the crash: the writes that belong together share a txid. */
    @Test
    @Order(5)
    void everyOrderCommitsWithItsMessageAndSagaAndEveryStepWithItsSagaRecord() throws Exception {
        List<String> problems = txLog.problems();
        long orders = count("SELECT COUNT(*) FROM sample_order");
        log("transaction ids: " + orders + " orders, " + txLog.recorded() + " writes recorded, " + problems.size()
                + " problems");
        assertTrue(orders > KILL_AFTER, "the checks above placed orders: " + orders);
        if (!problems.isEmpty()) {
            fail(server.name() + ": " + problems.size() + " writes outside the transaction they belong to:\n  - "
                    + String.join("\n  - ", problems.stream().limit(15).toList()) + "\ndatabase: " + DATABASE
                    + " (table sample_tx_log)");
        }
    }

    /** Waits until every outbox message with the order's key is delivered (or fails naming what is not). */
    private void awaitDelivered(String orderId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String sql = "SELECT COUNT(*) FROM ferry_outbox WHERE msg_key = ? AND status <> 'DELIVERED'";
        while (count(sql, orderId) > 0) {
            if (System.nanoTime() > deadline) {
                fail("messages of order " + orderId + " not delivered after " + WAIT.toSeconds() + " s: "
                        + count(sql, orderId) + " left; server log: " + server.log());
            }
            Thread.sleep(200);
        }
    }

    private static long count(String sql, Object... params) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + SampleDatabase.HOST + ":"
                + SampleDatabase.PORT + "/" + DATABASE, SampleDatabase.USER, SampleDatabase.PASSWORD);
             var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String since(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void log(String message) {
        System.out.println("[payara-server] " + LocalTime.now().withNano(0) + " " + message);
    }
}

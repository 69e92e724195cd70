package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The operator console in the sample on WildFly 35 (XA pool, PostgreSQL database {@value #DATABASE}), driven
 * through headless Chromium: a suspended saga shows on the overview, the operator opens it, resumes it and it
 * completes; a dead message is replayed and reaches the sample's message-driven bean; a viewer sees no action and
 * the action endpoint answers it 403; without credentials the API answers 401. The server runs with a port offset
 * of {@value #PORT_OFFSET} (HTTP 8380), beside servers on the default ports. Screenshots go to
 * {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final String DATABASE = "ferry_console";
    static final int PORT_OFFSET = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "console-screenshots").toAbsolutePath();

    private static WildFlyServer server;
    private static ConsoleHttp http;
    private static String suspendedSaga;

    @BeforeAll
    static void startTheSampleWithTheConsole() throws Exception {
        recreateDatabase();
        Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
                .resolve("console");
        server = new WildFlyServer(AppServer.Pool.XA, DATABASE, 5432, work, PORT_OFFSET)
                .systemProperty("ferry.outbox.retention", "1h"); // delivered rows stay: the chart counts them
        server.start();
        server.deploy("sample", Path.of(System.getProperty("ferry.sample.war")));
        http = new ConsoleHttp(server.baseUrl());
        for (int i = 0; i < 3; i++) {
            ConsoleHttp.Reply placed = http.post("/orders", null, "{\"customer\":\"ada" + i + "\",\"totalCents\":1999}",
                    false);
            assertEquals(201, placed.status(), placed.body().toString());
        }
        assertEquals(200, http.send("PUT", "/payouts/provider?up=false").status());
        ConsoleHttp.Reply payout = http.post("/payouts?payee=dee&amountCents=900", null, "", false);
        assertEquals(200, payout.status(), payout.body().toString());
        suspendedSaga = payout.body().path("sagaId").asText();
        http.await("/ferry/api/sagas/" + suspendedSaga, ConsoleHttp.VIEWER,
                s -> s.path("status").asText().equals("SUSPENDED"), WAIT, "payout " + suspendedSaga + " SUSPENDED");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void withoutCredentialsTheApiAnswers401AndAViewerMayNotAct() throws Exception {
        ConsoleHttp.Reply anonymous = http.get("/ferry/api/overview", null);
        assertEquals(401, anonymous.status(), anonymous.body().toString());
        assertEquals(401, http.post("/ferry/api/sagas/" + suspendedSaga + "/cancel", null, "{\"reason\":\"x\"}", true)
                .status());

        ConsoleHttp.Reply read = http.get("/ferry/api/sagas?status=SUSPENDED", ConsoleHttp.VIEWER);
        assertEquals(200, read.status(), read.body().toString());
        ConsoleHttp.Reply refused = http.post("/ferry/api/sagas/" + suspendedSaga + "/cancel", ConsoleHttp.VIEWER,
                "{\"reason\":\"not mine to do\"}", true);
        assertEquals(403, refused.status(), refused.body().toString());
        assertTrue(refused.body().path("error").asText().contains("ferry-operator"), refused.body().toString());

        ConsoleHttp.Reply noHeader = http.post("/ferry/api/sagas/" + suspendedSaga + "/cancel", ConsoleHttp.OPERATOR,
                "{\"reason\":\"a form post\"}", false);
        assertEquals(403, noHeader.status(), noHeader.body().toString());
        assertTrue(noHeader.body().path("error").asText().contains("X-Ferry-Console"), noHeader.body().toString());
        ConsoleHttp.Reply noReason = http.post("/ferry/api/sagas/" + suspendedSaga + "/cancel", ConsoleHttp.OPERATOR,
                "{}", true);
        assertEquals(400, noReason.status(), noReason.body().toString());
        assertTrue(noReason.body().path("error").asText().contains("reason"), noReason.body().toString());
        ConsoleHttp.Reply notAllowed = http.post("/ferry/api/sagas/" + suspendedSaga + "/retry-compensation",
                ConsoleHttp.OPERATOR, "{\"reason\":\"wrong state\"}", true);
        assertEquals(409, notAllowed.status(), notAllowed.body().toString());
        assertTrue(notAllowed.body().path("error").asText().contains("SUSPENDED"), notAllowed.body().toString());
        assertEquals(404, http.get("/ferry/api/sagas/" + UUID.randomUUID(), ConsoleHttp.VIEWER).status());
        assertEquals(400, http.get("/ferry/api/sagas?status=HAPPY", ConsoleHttp.VIEWER).status());

        ConsoleHttp.Reply scanned = http.get("/api/sagas", ConsoleHttp.OPERATOR);
        assertEquals(404, scanned.status(), "the sample's own Jakarta REST application does not serve the console: "
                + scanned.body());
        assertEquals(200, http.get("/health", null).status(), "the sample's own resources answer as before");
    }

    @Test
    @Order(2)
    void aViewerSeesTheSuspendedSagaButNoActions() throws Exception {
        try (ConsoleBrowser viewer = new ConsoleBrowser(ConsoleHttp.VIEWER, SHOTS)) {
            viewer.open(server.baseUrl() + "/ferry/#/sagas/" + suspendedSaga);
            viewer.awaitPage("saga");
            assertEquals("SUSPENDED", viewer.await(By.cssSelector("#saga-status .status")).getText());
            assertTrue(viewer.driver().findElements(By.cssSelector("button[data-action]")).isEmpty(),
                    "a viewer is offered no action");
            viewer.screenshot("viewer-saga");
        }
    }

    @Test
    @Order(3)
    void theOperatorFindsTheSuspendedSagaOnTheOverviewResumesItAndItCompletes() throws Exception {
        try (ConsoleBrowser operator = new ConsoleBrowser(ConsoleHttp.OPERATOR, SHOTS)) {
            operator.open(server.baseUrl() + "/ferry/");
            operator.awaitPage("overview");
            operator.await(By.cssSelector("#attention tr[data-saga='" + suspendedSaga + "']"));
            operator.await(By.cssSelector("#activity-chart polyline[data-series='published']"));
            operator.screenshot("overview");

            operator.driver().findElement(By.cssSelector("#attention a.saga-link[data-id='" + suspendedSaga + "']"))
                    .click();
            operator.awaitPage("saga");
            assertEquals("SUSPENDED", operator.await(By.cssSelector("#saga-status .status")).getText());
            assertEquals(200, http.send("PUT", "/payouts/provider?up=true").status());
            operator.driver().findElement(By.cssSelector("button[data-action='resume']")).click();
            operator.confirm("payment provider is back");
            operator.awaitAfterReloads(By.cssSelector("#saga-status .status[data-status='COMPLETED']"), "saga", WAIT);
            operator.await(By.cssSelector("#timeline tr[data-outcome='RESUMED']"));
            By transferData = By.cssSelector("#timeline tr[data-outcome='COMPLETED'] details.step-data");
            operator.await(transferData).findElement(By.tagName("summary")).click();
            assertTrue(operator.await(By.cssSelector("#timeline details.step-data[open] pre.data-after")).getText()
                    .contains("tr-"), "the data after the transfer step shows its transfer id");
            operator.screenshot("saga-timeline");
        }
        JsonNode saga = http.get("/ferry/api/sagas/" + suspendedSaga, ConsoleHttp.VIEWER).body();
        JsonNode audit = saga.path("audit").get(0);
        assertEquals("ferry-operator", audit.path("actor").asText(), saga.toString());
        assertEquals("RESUMED", audit.path("outcome").asText());
        assertEquals("payment provider is back", audit.path("reason").asText());
        assertTrue(saga.path("data").asText().contains("transferId"), saga.toString());
        JsonNode transfer = null;
        for (JsonNode entry : saga.path("timeline")) {
            if (entry.path("step").asText().equals("transfer") && entry.path("outcome").asText().equals("COMPLETED")) {
                transfer = entry;
            }
        }
        assertTrue(transfer != null, "the timeline holds the transfer step's completion: " + saga);
        assertTrue(transfer.path("dataBefore").asText().contains("payee")
                && !transfer.path("dataBefore").asText().contains("tr-"), "before the transfer: " + transfer);
        assertTrue(transfer.path("dataAfter").asText().contains("tr-"), transfer.toString());
    }

    @Test
    @Order(4)
    void theOperatorReplaysADeadMessageAndItArrives() throws Exception {
        String orderId = "dead-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        execute("INSERT INTO ferry_outbox (id, topic, msg_key, msg_type, content_type, payload, headers, status,"
                + " attempts, created_at, available_at, last_error) VALUES (?, 'orders', ?, 'OrderPlaced',"
                + " 'application/json', convert_to(?, 'UTF8'), '{}', 'DEAD', 10, now(), now(), 'refused 10 times')",
                messageId, orderId, "{\"orderId\":\"" + orderId + "\"}");
        try (ConsoleBrowser operator = new ConsoleBrowser(ConsoleHttp.OPERATOR, SHOTS)) {
            operator.open(server.baseUrl() + "/ferry/#/dead?topic=orders");
            operator.awaitPage("dead");
            By message = By.cssSelector("section[data-message='" + messageId + "']");
            operator.await(message);
            operator.screenshot("dead-messages");
            operator.driver().findElement(By.cssSelector("section[data-message='" + messageId
                    + "'] button[data-action='replay']")).click();
            operator.confirm("consumer fixed");
            operator.awaitGone(message);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count("SELECT COUNT(*) FROM sample_received_event WHERE orderid = ?", orderId) == 0) {
            assertTrue(System.nanoTime() < deadline, "the replayed message reached the sample's consumer");
            Thread.sleep(200);
        }
        JsonNode audit = http.get("/ferry/api/audit/outbox", ConsoleHttp.VIEWER).body().path("items").get(0);
        assertEquals("REPLAYED", audit.path("action").asText(), audit.toString());
        assertEquals("ferry-operator", audit.path("actor").asText());
        assertEquals("consumer fixed", audit.path("reason").asText());
        assertEquals(messageId, audit.path("messageId").asText());
        try (ConsoleBrowser viewer = new ConsoleBrowser(ConsoleHttp.VIEWER, SHOTS)) {
            viewer.open(server.baseUrl() + "/ferry/#/audit");
            viewer.awaitPage("audit");
            viewer.await(By.cssSelector("#outbox-audit-table tbody tr"));
            viewer.screenshot("audit");
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    private static void recreateDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static void execute(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static long count(String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

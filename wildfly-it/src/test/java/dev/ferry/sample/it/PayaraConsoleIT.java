package dev.ferry.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample's console on Payara Micro (port {@value #PORT}, beside servers on the default ports): a file-realm
 * user in the group {@code ferry-viewer} (mapped to the role in the sample's glassfish-web.xml) loads the console
 * and lists the sample's sagas; without credentials the API answers 401.
 */
class PayaraConsoleIT {

    private static final String DATABASE = "ferry_console_payara";
    private static final int PORT = 18380;
    private static final String PASSWORD = "Viewer-1-pass";

    @Test
    void theConsoleLoadsAndListsSagasOnPayaraMicro() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SampleDatabase.HOST + ":"
                + SampleDatabase.PORT + "/postgres", SampleDatabase.USER, SampleDatabase.PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        }
        Path work = Files.createTempDirectory("ferry-payara-console");
        Path passwords = Files.writeString(work.resolve("passwords.txt"), "AS_ADMIN_USERPASSWORD=" + PASSWORD + "\n");
        List<String> commands = new ArrayList<>(Files.readAllLines(Path.of("src", "test", "payara",
                "post-boot.asadmin")));
        commands.add("create-file-user --groups ferry-viewer --passwordfile " + passwords + " ferry-viewer");
        Path postBoot = Files.write(work.resolve("post-boot.asadmin"), commands);
        Process payara = PayaraMicroIT.start(work, DATABASE, PORT, postBoot);
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
            String sagaId = placed.text("sagaId");

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + PORT + "/ferry/";
            String auth = "Basic " + Base64.getEncoder().encodeToString(("ferry-viewer:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "api/sagas")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", auth)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("Ferry console") && page.body().contains("js/app.js"), page.body());
            HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base + "js/app.js"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));

            JsonNode found = null;
            long listDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found == null || !found.path("status").asText().equals("COMPLETED")) {
                assertTrue(System.nanoTime() < listDeadline, "saga " + sagaId + " listed as COMPLETED: " + found);
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "api/sagas?name="
                        + "order-fulfilment")).header("Authorization", auth).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, list.statusCode(), list.body());
                found = null;
                for (JsonNode s : new ObjectMapper().readTree(list.body()).path("items")) {
                    if (s.path("id").asText().equals(sagaId)) {
                        found = s;
                    }
                }
                Thread.sleep(250);
            }
        } finally {
            payara.destroy();
            if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
        }
    }
}

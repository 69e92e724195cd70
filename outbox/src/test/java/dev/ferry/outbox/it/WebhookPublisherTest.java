package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.publish.http.WebhookPublisher;
import dev.ferry.outbox.publish.http.WebhookPublisherConfig;
import dev.ferry.outbox.publish.http.WebhookSignature;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The webhook publisher against a real HTTP server (the JDK's) on a local port, over PostgreSQL:
 * 10,000 signed POSTs on 100 keys, of which about a hundred are answered 503 the first time and
 * must be retried without disturbing their key's order; the server answering 503 and then refusing
 * connections for longer than a message's whole backoff schedule; a message refused with 400 going
 * dead; and the headers a receiver gets.
 */
class WebhookPublisherTest {

    private static final int MESSAGES = 10_000;
    private static final int KEYS = 100;
    private static final byte[] SECRET = "test-secret-of-32-bytes-length!!".getBytes(StandardCharsets.US_ASCII);

    OutboxFixture fx;
    volatile HttpServer server;
    ExecutorService serverThreads;
    MessageStream stream;
    final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    /** While set, every request is answered 503, as by a receiver that is down behind its proxy. */
    volatile boolean down;
    final List<Headers> headerRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestInfo info) throws IOException {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "webhook_" + info.getTestMethod().orElseThrow().getName());
        stream = new MessageStream("ticks", KEYS);
        serverThreads = Executors.newFixedThreadPool(8);
        startServer(0);
    }

    private void startServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(serverThreads);
        server.createContext("/hooks/ticks", this::handle);
        server.createContext("/hooks/headers", exchange -> {
            try (exchange) {
                headerRequests.add(exchange.getRequestHeaders());
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        serverThreads.shutdownNow();
        fx.close();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/");
    }

    private WebhookPublisher publisher() {
        URI endpoint = endpoint();
        return new WebhookPublisher(WebhookPublisherConfig.builder(m -> endpoint.resolve(m.topic()))
                .signingSecret(SECRET).header("X-Sender", "ferry-test").requestTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(1)).maxConcurrentRequests(32).build());
    }

    /** Checks every request, refuses the first delivery of about one message in a hundred. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            String id = h.getFirst(FerryHeaders.IDEMPOTENCY_KEY);
            String key = h.getFirst(FerryHeaders.MESSAGE_KEY);
            String index = h.getFirst("index");
            if (!"POST".equals(exchange.getRequestMethod()) || id == null
                    || !id.equals(h.getFirst(FerryHeaders.MESSAGE_ID))
                    || !"application/json".equals(h.getFirst("Content-Type"))
                    || !"Tick".equals(h.getFirst(FerryHeaders.MESSAGE_TYPE))
                    || !"ticks".equals(h.getFirst(FerryHeaders.TOPIC)) || !"ferry-test".equals(h.getFirst("X-Sender"))
                    || !WebhookSignature.verify(SECRET, id, body, h.getFirst("Ferry-Signature"))) {
                stream.problem("bad request " + exchange.getRequestMethod() + " " + h.entrySet());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            if (down || key.equals("k-refused")) {
                byte[] reply = (down ? "down for maintenance" : "no such order").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(down ? 503 : 400, reply.length);
                exchange.getResponseBody().write(reply);
                return;
            }
            int n = Integer.parseInt(index) * KEYS + Integer.parseInt(key.substring("key-".length()));
            if (n % 97 == 13 && refusedOnce.add(id)) {
                byte[] reply = "busy, try later".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, reply.length);
                exchange.getResponseBody().write(reply);
                return;
            }
            stream.received(id, key, index);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Test
    void tenThousandSignedPostsOnHundredKeysArriveInKeyOrderAndRefusalsAreRetried() throws Exception {
        URI endpoint = endpoint();
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(2).batchSize(200)
                .pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).maxAttempts(1000)
                .retention(Duration.ofHours(1)).build(), publisher()).start();

        long t0 = System.nanoTime();
        stream.write(fx, engine.outbox(), 0, MESSAGES, 500);
        long written = System.nanoTime();
        Await.until(Duration.ofSeconds(180), MESSAGES + " webhooks accepted", () -> stream.distinctCount() >= MESSAGES);
        long done = System.nanoTime();
        System.out.printf("[webhook] %d messages on %d keys: written in %d ms, all accepted after %d ms (%.0f msg/s),"
                        + " %d refused once with 503, %d duplicates%n", MESSAGES, KEYS, (written - t0) / 1_000_000,
                (done - t0) / 1_000_000, MESSAGES * 1e9 / (done - t0), refusedOnce.size(), stream.duplicates());

        stream.assertIntact(MESSAGES);
        assertTrue(refusedOnce.size() > 90, "about one message in a hundred was refused once: " + refusedOnce.size());
        Await.until(Duration.ofSeconds(30), "every row marked delivered",
                () -> fx.countUnchecked("SELECT COUNT(*) FROM outbox WHERE status <> 'DELIVERED'") == 0);
        assertEquals(refusedOnce.size(), fx.count("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL"),
                "each refused message was retried");
        assertEquals(0, fx.count("SELECT COUNT(*) FROM outbox WHERE attempts > 0"), "a 503 costs no attempt");
        List<String> errors = fx.strings("SELECT DISTINCT last_error FROM outbox WHERE last_error IS NOT NULL");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("HTTP 503 from " + endpoint.resolve("ticks") + ": busy, try later"),
                errors.get(0));
    }

    @Test
    void webhookDownLongerThanTheBackoffScheduleCostsNoAttemptsAndLosesNothing() throws Exception {
        int messages = 4_000;
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(2).batchSize(200)
                .pollInterval(Duration.ofMillis(200)).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .maxAttempts(3).relayId("webhook-outage")
                .retention(Duration.ofHours(1)).build(), publisher()).start();
        try (RelayLog log = new RelayLog()) {
            Thread writer = stream.trickle(fx, engine.outbox(), messages);
            Await.until(Duration.ofSeconds(60), "a third of the stream accepted",
                    () -> stream.distinctCount() >= messages / 3);
            int port = server.getAddress().getPort();
            long t0 = System.nanoTime();
            // 3 s of 503, then 3 s of refused connections: each longer than a message's backoff schedule
            MessageStream.outage(fx, Duration.ofSeconds(3), () -> down = true, () -> server.stop(0));
            MessageStream.assertNoAttemptCounted(fx, "the webhook (answering 503)");
            Await.until(Duration.ofSeconds(30), "a probe refused a connection", () -> fx.countUnchecked(
                    "SELECT COUNT(*) FROM outbox WHERE last_error LIKE '%ConnectException%'") > 0);
            Thread.sleep(Math.max(0, 6_000 - (System.nanoTime() - t0) / 1_000_000));
            down = false;
            startServer(port);
            long up = System.nanoTime();
            writer.join();
            MessageStream.assertOutageCostNothing(fx, engine, log, "the webhook");
            Await.until(Duration.ofSeconds(60), messages + " webhooks accepted",
                    () -> stream.distinctCount() >= messages);
            System.out.printf("[webhook outage] 503 and refused connections for %d ms, %d messages retried, all %d"
                    + " accepted %d ms after, %d duplicates%n", (up - t0) / 1_000_000,
                    fx.count("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL"), messages,
                    (System.nanoTime() - up) / 1_000_000, stream.duplicates());
            stream.assertIntact(messages);
            MessageStream.assertOutageCostNothing(fx, engine, log, "the webhook");
        }
    }

    @Test
    void aMessageRefusedWith400CountsItsAttemptsAndGoesDeadWhileOtherKeysGoOn() throws Exception {
        OutboxEngine engine = fx.engine(fx.settings().pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(100)).maxAttempts(2).build(), publisher());
        fx.inTransaction(() -> engine.outbox().publish(OutboxMessage.builder("ticks").key("k-refused").type("Tick")
                .jsonPayload("{}").header("index", "0").build()));
        stream.write(fx, engine.outbox(), 0, 20, 20);
        engine.start();

        Await.until(Duration.ofSeconds(30), "a dead message", () -> engine.admin().deadMessages(10).size() == 1);
        Await.until(Duration.ofSeconds(30), "20 good messages accepted", () -> stream.distinctCount() == 20);
        DeadMessage dead = engine.admin().deadMessages(10).get(0);
        assertEquals("k-refused", dead.key());
        assertEquals(2, dead.attempts());
        assertTrue(dead.lastError().contains("WebhookRejectedException: HTTP 400 from " + endpoint().resolve("ticks")
                + ": no such order"), dead.lastError());
        assertFalse(engine.relay().brokerUnavailable(), "a 400 is not an outage");
    }

    @Test
    void receiversGetExactlyTheHeadersOfTheTableWithValuesTheyCanDecode() throws Exception {
        URI endpoint = endpoint();
        OutboxEngine engine = fx.engine(fx.settings().build(), new WebhookPublisher(WebhookPublisherConfig
                .builder(m -> endpoint.resolve(m.topic())).build())).start();
        HeaderTable.Written written = HeaderTable.write(fx, engine.outbox(), "headers");
        Await.until(Duration.ofSeconds(30), "both requests", () -> headerRequests.size() == 2);
        for (Headers h : headerRequests) {
            String id = h.getFirst(FerryHeaders.IDEMPOTENCY_KEY);
            Map<String, String> ferry = new HashMap<>();
            h.forEach((name, values) -> {
                if (FerryHeaders.isReserved(name)) {
                    assertEquals(1, values.size(), name + ": " + values);
                    ferry.put(name.toLowerCase(Locale.ROOT), FerryHeaders.decodeHttpValue(values.get(0)));
                }
            });
            HeaderTable.assertFerryHeaders(written, id, ferry, name -> name.toLowerCase(Locale.ROOT));
            assertEquals(List.of(ferry.get(FerryHeaders.CONTENT_TYPE)), h.get("Content-Type"));
            boolean keyed = id.equals(written.keyed().toString());
            assertEquals(keyed ? "Z%C3%BCrich: 5%25 off" : null, h.getFirst("tenant"), "sent percent-encoded");
            assertEquals(keyed ? HeaderTable.TENANT : null, FerryHeaders.decodeHttpValue(h.getFirst("tenant")));
        }
    }
}

package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook publisher against a real HTTP server (the JDK's) on a local port, over PostgreSQL:
 * 10,000 signed POSTs on 100 keys, of which about a hundred are answered 503 the first time and
 * must be retried without disturbing their key's order.
 */
class WebhookPublisherTest {

    private static final int MESSAGES = 10_000;
    private static final int KEYS = 100;
    private static final byte[] SECRET = "test-secret-of-32-bytes-length!!".getBytes(StandardCharsets.US_ASCII);

    OutboxFixture fx;
    HttpServer server;
    ExecutorService serverThreads;
    MessageStream stream;
    final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() throws IOException {
        fx = new OutboxFixture(TestDatabase.POSTGRESQL, "webhook");
        stream = new MessageStream("ticks", KEYS);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.createContext("/hooks/ticks", this::handle);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        serverThreads.shutdownNow();
        fx.close();
    }

    /** Checks every request, refuses the first delivery of about one message in a hundred. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            String id = h.getFirst(FerryHeaders.IDEMPOTENCY_KEY);
            String key = h.getFirst(FerryHeaders.MESSAGE_KEY);
            String index = h.getFirst("index");
            if (!"POST".equals(exchange.getRequestMethod()) || id == null || !id.equals(h.getFirst(FerryHeaders.MESSAGE_ID))
                    || !"application/json".equals(h.getFirst("Content-Type")) || !"Tick".equals(h.getFirst(FerryHeaders.MESSAGE_TYPE))
                    || !"ticks".equals(h.getFirst(FerryHeaders.TOPIC)) || !"ferry-test".equals(h.getFirst("X-Sender"))
                    || !WebhookSignature.verify(SECRET, id, body, h.getFirst("Ferry-Signature"))) {
                stream.problem("bad request " + exchange.getRequestMethod() + " " + h.entrySet());
                exchange.sendResponseHeaders(400, -1);
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
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/");
        WebhookPublisher publisher = new WebhookPublisher(WebhookPublisherConfig.builder(m -> endpoint.resolve(m.topic()))
                .signingSecret(SECRET).header("X-Sender", "ferry-test").requestTimeout(Duration.ofSeconds(5))
                .maxConcurrentRequests(32).build());
        OutboxEngine engine = fx.engine(fx.settings().relayThreads(2).batchSize(200).pollInterval(Duration.ofMillis(200))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).maxAttempts(1000)
                .retention(Duration.ofHours(1)).build(), publisher).start();

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
        assertEquals(refusedOnce.size(), fx.count("SELECT COUNT(*) FROM outbox WHERE attempts = 1"),
                "each refused message was retried once");
        List<String> errors = fx.strings("SELECT DISTINCT last_error FROM outbox WHERE attempts > 0");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("HTTP 503 from " + endpoint.resolve("ticks") + ": busy, try later"), errors.get(0));
    }
}

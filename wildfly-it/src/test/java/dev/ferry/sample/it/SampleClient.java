package dev.ferry.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Talks to the sample's REST endpoints the way a user's {@code curl} would. */
final class SampleClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    SampleClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** A response's status and JSON body. */
    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    Reply placeOrder(String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Places an order inside the caller's trace: the request carries a W3C {@code traceparent}. */
    Reply placeOrder(String json, String traceparent) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders")).header("Content-Type", "application/json")
                .header("traceparent", traceparent).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply order(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/orders/" + id)).GET());
    }

    Reply saga(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/sagas/" + id)).GET());
    }

    Reply cancel(String sagaId, String reason) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/sagas/" + sagaId + "/cancel"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(reason)));
    }

    int deadCount() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/outbox/dead")).GET()).body().path("dead").asInt();
    }

    Reply replayDead(String reason) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/outbox/dead/replay"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(reason)));
    }

    Reply shipped(String sagaId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/sagas/" + sagaId + "/shipped"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Polls a saga until its view matches, or fails naming what it last saw. */
    JsonNode awaitSaga(String id, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Reply r = saga(id);
            last = r.body();
            if (r.status() == 200 && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Saga " + id + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    /** Polls an order until its view matches, or fails naming what it last saw. */
    JsonNode awaitOrder(String id, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Reply r = order(id);
            last = r.body();
            if (r.status() == 200 && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Order " + id + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    /** POSTs an empty body to a path under the base URL; the answer as text. */
    String postForText(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls a path under the base URL until its text answer matches, or fails naming what it last saw. */
    String awaitText(String path, Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) { // the server is not listening (yet): try again
                last = e.toString();
                Thread.sleep(200);
                continue;
            }
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not answer as expected in " + timeout + "; last: " + last);
    }

    boolean isUp() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), body);
    }
}

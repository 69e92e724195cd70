package dev.ferry.sample.it.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** Plain HTTP calls to the sample and its console, as a given user (BASIC) or as nobody. */
final class ConsoleHttp {

    /** The console users the build adds to WildFly (src/test/wildfly/add-users.sh). */
    static final String VIEWER = "ferry-viewer";
    static final String OPERATOR = "ferry-operator";
    static final String VIEWER_PASSWORD = "Viewer-1-pass";
    static final String OPERATOR_PASSWORD = "Operator-1-pass";

    /** An answer: status and body (JSON when it is JSON, else the text as a JSON string). */
    record Reply(int status, JsonNode body, String contentType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base the server's root, e.g. {@code http://127.0.0.1:8380} */
    ConsoleHttp(String base) {
        this.base = base;
    }

    static String password(String user) {
        return OPERATOR.equals(user) ? OPERATOR_PASSWORD : VIEWER_PASSWORD;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return send(b.GET().build());
    }

    /**
     * @param actionHeader whether to send {@code X-Ferry-Console: 1}
     */
    Reply post(String path, String user, String json, boolean actionHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        if (actionHeader) {
            b.header("X-Ferry-Console", "1");
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply send(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode body;
        try {
            body = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            body = JSON.getNodeFactory().textNode(r.body());
        }
        return new Reply(r.statusCode(), body, type);
    }

    /** Polls a GET as the user until the body matches. */
    JsonNode await(String path, String user, Predicate<JsonNode> condition, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, user);
            if (last.status() == 200 && condition.test(last.body())) {
                return last.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " not reached in " + timeout.toSeconds() + " s; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}

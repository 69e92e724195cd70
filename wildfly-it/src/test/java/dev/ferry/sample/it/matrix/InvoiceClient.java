package dev.ferry.sample.it.matrix;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The matrix application over HTTP, as its users call it. */
final class InvoiceClient {

    private static final Pattern FIELD = Pattern.compile("\"(invoiceId|sagaId)\"\\s*:\\s*\"([^\"]+)\"");

    /** A created invoice, as acknowledged with 201. */
    record Created(String invoiceId, String sagaId, long amountCents) {
    }

    /** An HTTP answer. */
    record Reply(int status, String body) {
    }

    private final String appUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** @param appUrl the application's root, e.g. {@code http://127.0.0.1:8080/invoices} */
    InvoiceClient(String appUrl) {
        this.appUrl = appUrl;
    }

    /**
     * @param amountCents the amount
     * @return the answer to {@code POST /invoices}
     * @throws IOException if there is no answer (connection refused or reset)
     */
    Reply post(long amountCents) throws IOException, InterruptedException {
        return post("{\"amountCents\":" + amountCents + "}");
    }

    /**
     * @param json the request body
     * @return the answer to {@code POST /invoices}
     * @throws IOException if there is no answer (connection refused or reset)
     */
    Reply post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(appUrl + "/invoices"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /**
     * @return the created invoice
     * @throws AssertionError unless the answer is 201 with both ids
     */
    Created create(long amountCents) throws IOException, InterruptedException {
        return created(post(amountCents), amountCents);
    }

    static Created created(Reply reply, long amountCents) {
        if (reply.status() != 201) {
            throw new AssertionError("POST /invoices {amountCents: " + amountCents + "} answered " + reply.status()
                    + ": " + reply.body());
        }
        String invoiceId = null;
        String sagaId = null;
        Matcher m = FIELD.matcher(reply.body());
        while (m.find()) {
            if (m.group(1).equals("invoiceId")) {
                invoiceId = m.group(2);
            } else {
                sagaId = m.group(2);
            }
        }
        if (invoiceId == null || sagaId == null) {
            throw new AssertionError("201 without invoiceId and sagaId: " + reply.body());
        }
        return new Created(invoiceId, sagaId, amountCents);
    }

    /** @return whether {@code GET /health} answers 200 */
    boolean isUp() {
        try {
            return get(appUrl + "/health").status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the answer to a POST without a body */
    Reply postTo(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** @return the answer to a GET */
    Reply get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}

package dev.ferry.outbox.publish.http;

import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * POSTs each message to a webhook ({@code java.net.http}): the body is the payload, with
 * {@code Content-Type} from the message, {@code Idempotency-Key} = the message id (stable across
 * retries, so the receiver de-duplicates on it), {@link FerryHeaders}' headers, the message's own
 * headers (values outside printable ASCII percent-encoded as UTF-8), the configured static
 * headers and, with a secret, an HMAC signature ({@link WebhookSignature}). A 2xx response confirms the message; any other status, a connection
 * error or a timeout fails it, and the relay retries it with backoff.
 *
 * <p>Requests for different keys run concurrently (up to {@code maxConcurrentRequests}); a key's
 * next message is sent only after the previous one was answered 2xx (see {@link KeyRounds}).
 */
public final class WebhookPublisher implements MessagePublisher {

    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    private static final int BODY_EXCERPT = 200;

    private final WebhookPublisherConfig config;
    private final HttpClient client;
    private final Semaphore inFlight;
    private final byte[] secret;

    /** @param config the configuration */
    public WebhookPublisher(WebhookPublisherConfig config) {
        this.config = config;
        this.client = config.httpClient() != null ? config.httpClient()
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                        .build();
        this.inFlight = new Semaphore(config.maxConcurrentRequests());
        this.secret = config.signingSecret();
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        KeyRounds.publish(batch, report, config.requestTimeout().plus(ANSWER_MARGIN), "the webhook", this::post);
    }

    private void post(OutgoingMessage m, Confirmations confirmations) throws InterruptedException {
        HttpRequest request = request(m);
        inFlight.acquire();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        if (error != null) {
                            confirmations.failed(m, error);
                        } else if (response.statusCode() / 100 == 2) {
                            confirmations.confirmed(m);
                        } else {
                            confirmations.failed(m, new WebhookRejectedException(request.uri(), response.statusCode(),
                                    excerpt(response.body())));
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private HttpRequest request(OutgoingMessage m) {
        byte[] body = m.payload() == null ? new byte[0] : m.payload();
        URI uri = config.endpointOf(m);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", m.contentType());
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (!h.getKey().startsWith("ferry-")) {
                b.header(h.getKey(), headerValue(h.getValue()));
            }
        }
        config.headers().forEach(b::header);
        String id = m.id().toString();
        b.header(FerryHeaders.IDEMPOTENCY_KEY, id).header(FerryHeaders.MESSAGE_ID, id)
                .header(FerryHeaders.TOPIC, headerValue(m.topic())).header(FerryHeaders.CREATED_AT, m.createdAt().toString());
        if (m.type() != null) {
            b.header(FerryHeaders.MESSAGE_TYPE, headerValue(m.type()));
        }
        if (m.key() != null) {
            b.header(FerryHeaders.MESSAGE_KEY, headerValue(m.key()));
        }
        if (secret != null) {
            b.header(config.signatureHeader(), WebhookSignature.sign(secret, id, body));
        }
        return b.build();
    }

    /**
     * HTTP header values are printable ASCII: any other character, and {@code %} itself, is sent
     * percent-encoded as UTF-8 ({@code "Zürich"} becomes {@code "Z%C3%BCrich"}).
     */
    static String headerValue(String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '%');
        if (plain) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '%') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    private static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > BODY_EXCERPT ? oneLine.substring(0, BODY_EXCERPT) + "…" : oneLine;
    }
}

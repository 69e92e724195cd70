package dev.ferry.outbox.publish.http;

import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * POSTs each message to a webhook ({@code java.net.http}): the body is the payload, with
 * {@code Content-Type} from the message, {@code Idempotency-Key} = the message id (stable across
 * retries, so the receiver de-duplicates on it), {@link FerryHeaders}' headers, the message's own
 * headers, the configured static headers and, with a secret, an HMAC signature
 * ({@link WebhookSignature}). Values of Ferry's and the message's headers are encoded with
 * {@link FerryHeaders#encodeHttpValue} ({@link FerryHeaders#decodeHttpValue} reverses it). A message
 * header is dropped when its name is {@link FerryHeaders#isReserved reserved} for Ferry or names a
 * header this publisher sets itself ({@code Content-Type}, {@code Idempotency-Key}, the signature
 * header, a static header), in any case.
 *
 * <p>A 2xx response confirms the message. 502, 503, 504 and 429, a connection that cannot be made
 * or breaks, and a request timeout mean the webhook is unavailable
 * ({@link BrokerUnavailableException}): no attempt counts, and the relay pauses. Any other status
 * refuses the message ({@link WebhookRejectedException}) and counts an attempt.
 *
 * <p>Requests for different keys run concurrently (up to {@code maxConcurrentRequests}); a key's
 * next message is sent only after the previous one was answered 2xx (see {@link KeyRounds}).
 */
public final class WebhookPublisher implements MessagePublisher {

    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    private static final int BODY_EXCERPT = 200;
    /** Bad gateway, service unavailable, gateway timeout, too many requests: not the message's fault. */
    private static final Set<Integer> UNAVAILABLE_STATUSES = Set.of(502, 503, 504, 429);

    private final WebhookPublisherConfig config;
    private final HttpClient client;
    private final Semaphore inFlight;
    private final byte[] secret;
    /** The lower-case names of the headers set here, which a message's own header must not repeat. */
    private final Set<String> ownHeaders;

    /** @param config the configuration */
    public WebhookPublisher(WebhookPublisherConfig config) {
        this.config = config;
        this.client = config.httpClient() != null ? config.httpClient()
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                        .build();
        this.inFlight = new Semaphore(config.maxConcurrentRequests());
        this.secret = config.signingSecret();
        Set<String> own = new HashSet<>(Set.of("content-type", FerryHeaders.IDEMPOTENCY_KEY.toLowerCase(Locale.ROOT),
                config.signatureHeader().toLowerCase(Locale.ROOT)));
        config.headers().keySet().forEach(name -> own.add(name.toLowerCase(Locale.ROOT)));
        this.ownHeaders = Set.copyOf(own);
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
                            confirmations.failed(m, failure(request.uri(), error));
                        } else if (response.statusCode() / 100 == 2) {
                            confirmations.confirmed(m);
                        } else {
                            confirmations.failed(m, failure(new WebhookRejectedException(request.uri(),
                                    response.statusCode(), excerpt(response.body()))));
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /**
     * @return the refusal, or a {@link BrokerUnavailableException} with it as cause for a status that
     *     says the webhook is down, overloaded or rate-limiting rather than refusing this message
     */
    private static Exception failure(WebhookRejectedException rejected) {
        return UNAVAILABLE_STATUSES.contains(rejected.status())
                ? new BrokerUnavailableException("The webhook is unavailable: " + rejected.getMessage(), rejected)
                : rejected;
    }

    /** @return for an I/O error (no connection, a broken one, a timeout), a {@link BrokerUnavailableException} */
    private static Throwable failure(URI uri, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof IOException
                ? new BrokerUnavailableException("The webhook at " + uri + " is unavailable: " + cause, cause)
                : cause;
    }

    private HttpRequest request(OutgoingMessage m) {
        byte[] body = m.payload() == null ? new byte[0] : m.payload();
        URI uri = config.endpointOf(m);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", m.contentType());
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (!FerryHeaders.isReserved(h.getKey()) && !ownHeaders.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                b.header(h.getKey(), FerryHeaders.encodeHttpValue(h.getValue()));
            }
        }
        config.headers().forEach(b::header);
        String id = m.id().toString();
        b.header(FerryHeaders.IDEMPOTENCY_KEY, id).header(FerryHeaders.MESSAGE_ID, id)
                .header(FerryHeaders.TOPIC, FerryHeaders.encodeHttpValue(m.topic()))
                .header(FerryHeaders.CONTENT_TYPE, m.contentType())
                .header(FerryHeaders.CREATED_AT, m.createdAt().toString());
        if (m.type() != null) {
            b.header(FerryHeaders.MESSAGE_TYPE, FerryHeaders.encodeHttpValue(m.type()));
        }
        if (m.key() != null) {
            b.header(FerryHeaders.MESSAGE_KEY, FerryHeaders.encodeHttpValue(m.key()));
        }
        if (secret != null) {
            b.header(config.signatureHeader(), WebhookSignature.sign(secret, id, body));
        }
        return b.build();
    }

    private static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > BODY_EXCERPT ? oneLine.substring(0, BODY_EXCERPT) + "…" : oneLine;
    }
}

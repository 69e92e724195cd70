package dev.ferry.outbox.publish.http;

import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.config.SettingChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link WebhookPublisher}'s configuration, immutable and validated when built.
 *
 * <pre>{@code
 * WebhookPublisherConfig config = WebhookPublisherConfig.builder(URI.create("https://billing.example.com/hooks/ferry"))
 *         .signingSecret(secretBytes)                   // adds Ferry-Signature: sha256=...
 *         .header("Authorization", "Bearer " + token)   // sent with every request
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 */
public final class WebhookPublisherConfig {

    /** Headers the HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Function<OutgoingMessage, URI> endpoint;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final byte[] signingSecret;
    private final String signatureHeader;
    private final Map<String, String> headers;
    private final int maxConcurrentRequests;
    private final HttpClient httpClient;

    private WebhookPublisherConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.signingSecret = b.signingSecret == null ? null : b.signingSecret.clone();
        this.signatureHeader = b.signatureHeader;
        this.headers = Map.copyOf(b.headers);
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.httpClient = b.httpClient;
    }

    /**
     * @param endpoint where every message is POSTed
     * @return a builder with the defaults
     */
    public static Builder builder(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return builder(m -> endpoint);
    }

    /**
     * @param endpoint gives the URI a message is POSTed to (for example one per topic)
     * @return a builder with the defaults
     */
    public static Builder builder(Function<OutgoingMessage, URI> endpoint) {
        return new Builder(endpoint);
    }

    /**
     * @param message a message
     * @return where it is POSTed
     */
    public URI endpointOf(OutgoingMessage message) {
        URI uri = endpoint.apply(message);
        if (uri == null) {
            throw new IllegalArgumentException("The webhook endpoint mapping gave no URI for " + message);
        }
        return uri;
    }

    /** @return how long one request may take, response included */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return how long connecting may take */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the HMAC-SHA256 secret (a copy), or null for unsigned requests */
    public byte[] signingSecret() {
        return signingSecret == null ? null : signingSecret.clone();
    }

    /** @return the name of the signature header */
    public String signatureHeader() {
        return signatureHeader;
    }

    /** @return headers sent with every request */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return how many requests may be in flight at once, per publisher */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** @return the HTTP client to use, or null for one made from this configuration */
    public HttpClient httpClient() {
        return httpClient;
    }

    /** Builds a {@link WebhookPublisherConfig}. */
    public static final class Builder {
        private final Function<OutgoingMessage, URI> endpoint;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private byte[] signingSecret;
        private String signatureHeader = "Ferry-Signature";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int maxConcurrentRequests = 16;
        private HttpClient httpClient;

        private Builder(Function<OutgoingMessage, URI> endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /**
         * @param timeout how long one request may take, response included (default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long connecting may take (default 5 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param secret signs every request with HMAC-SHA256 (see {@link WebhookSignature}); null for
         *     unsigned requests (the default)
         * @return this builder
         */
        public Builder signingSecret(byte[] secret) {
            this.signingSecret = secret == null ? null : secret.clone();
            return this;
        }

        /**
         * @param name the signature header's name (default {@code Ferry-Signature})
         * @return this builder
         */
        public Builder signatureHeader(String name) {
            this.signatureHeader = requireHeaderName(name);
            return this;
        }

        /**
         * @param name a header sent with every request (e.g. {@code Authorization}); not one Ferry sets
         *     ({@code Content-Type}, {@code Idempotency-Key}, a name {@link FerryHeaders#isReserved reserved}
         *     for Ferry's headers)
         * @param value its value, sent as it is
         * @return this builder
         */
        public Builder header(String name, String value) {
            requireHeaderName(name);
            if (FerryHeaders.isReserved(name) || name.equalsIgnoreCase("Content-Type")
                    || name.equalsIgnoreCase(FerryHeaders.IDEMPOTENCY_KEY)) {
                throw new IllegalArgumentException("The webhook publisher sets header " + name + " itself");
            }
            headers.put(name, Objects.requireNonNull(value, () -> "value of header " + name));
            return this;
        }

        /**
         * @param max requests in flight at once (default 16, 1 to 1000)
         * @return this builder
         */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = max;
            return this;
        }

        /**
         * @param client the HTTP client to use (TLS, proxy, authenticator…); default: an HTTP/1.1 client
         *     with the connect timeout
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the invalid setting
         */
        public WebhookPublisherConfig build() {
            positive("requestTimeout", requestTimeout);
            positive("connectTimeout", connectTimeout);
            SettingChecks.range("Webhook publisher", "maxConcurrentRequests", maxConcurrentRequests, 1, 1000);
            if (signingSecret != null && signingSecret.length < 16) {
                throw SettingChecks.refuse("The webhook signing secret must have at least 16 bytes, had "
                        + signingSecret.length, "signingSecret");
            }
            return new WebhookPublisherConfig(this);
        }

        private static String requireHeaderName(String name) {
            if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("Not a valid HTTP header name: '" + name + "'");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The HTTP client sets header " + name + " itself");
            }
            return name;
        }

        private static void positive(String name, Duration d) {
            SettingChecks.positive("Webhook publisher", name, d, Duration.ofDays(1));
        }
    }
}

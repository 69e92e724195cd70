package dev.ferry.outbox.cdi;

import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.publish.http.WebhookPublisher;
import dev.ferry.outbox.publish.http.WebhookPublisherConfig;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the container's {@link WebhookPublisher} from configuration ({@code ferry.outbox.publisher=webhook}):
 * {@code ferry.outbox.webhook.url} (every topic's endpoint) and {@code ferry.outbox.webhook.url.<topic>} (a
 * topic's), at least one of them; {@code request-timeout}, {@code connect-timeout},
 * {@code max-concurrent-requests}, {@code signing-secret} and {@code bearer-token} (secrets),
 * {@code signature-header} and {@code header.<name>} (static headers, their values secrets), all under
 * {@code ferry.outbox.webhook.}. Reading connects to nothing.
 */
final class WebhookPublisherFactory {


    private WebhookPublisherFactory() {
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live
     * @return the publisher
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static MessagePublisher fromConfig(FerryConfig config, OutboxKeys outbox) {
        return new WebhookPublisher(read(config, outbox));
    }

    /**
     * @param config the configuration
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) Ferry refuses
     */
    static WebhookPublisherConfig read(FerryConfig config) {
        return read(config, OutboxKeys.DEFAULT);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live ({@code ferry.outbox.webhook.*} or
     *     {@code ferry.outboxes.<name>.webhook.*})
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) Ferry refuses
     */
    static WebhookPublisherConfig read(FerryConfig config, OutboxKeys outbox) {
        String prefix = outbox.key("webhook.");
        String url = prefix + "url";
        String headerPrefix = prefix + "header.";
        SettingKeys keys = new SettingKeys(config, "webhook publisher");
        Optional<URI> every = keys.string(url, "endpoint").map(v -> endpoint(url, v));
        Map<String, URI> byTopic = new LinkedHashMap<>();
        NamedKeys.read(config, keys, url + ".", topic -> "endpoint")
                .forEach((topic, v) -> byTopic.put(topic, endpoint(url + "." + topic, v)));
        if (every.isEmpty() && byTopic.isEmpty()) {
            throw new IllegalArgumentException("Ferry configuration " + outbox.key("publisher") + " = 'webhook' needs "
                    + url + " (https://host/path), or " + url + ".<topic> for each topic");
        }
        Duration request = keys.duration(prefix + "request-timeout", "requestTimeout", Duration.ofSeconds(10));
        Duration connect = keys.duration(prefix + "connect-timeout", "connectTimeout", Duration.ofSeconds(5));
        int concurrent = keys.integer(prefix + "max-concurrent-requests", "maxConcurrentRequests", 16);
        Optional<String> secret = keys.secret(prefix + "signing-secret", "signingSecret");
        String signatureHeader = keys.string(prefix + "signature-header", "signatureHeader", "Ferry-Signature")
                .trim();
        Optional<String> token = keys.secret(prefix + "bearer-token", "bearerToken");
        Map<String, String> headers = NamedKeys.read(config, keys, headerPrefix, name -> "header " + name,
                name -> true);
        return keys.build(() -> {
            WebhookPublisherConfig.Builder b = WebhookPublisherConfig.builder(m -> {
                URI uri = byTopic.get(m.topic());
                if (uri == null) {
                    uri = every.orElseThrow(() -> new IllegalArgumentException("No webhook endpoint for topic "
                            + m.topic() + ": set " + url + "." + m.topic() + " or " + url));
                }
                return uri;
            }).requestTimeout(request).connectTimeout(connect).maxConcurrentRequests(concurrent);
            secret.ifPresent(s -> b.signingSecret(s.getBytes(StandardCharsets.UTF_8)));
            signature(b, prefix, signatureHeader);
            token.ifPresent(t -> b.header("Authorization", "Bearer " + t.trim()));
            headers.forEach((name, value) -> header(b, prefix, name, value, token.isPresent()));
            return b.build();
        });
    }

    private static void signature(WebhookPublisherConfig.Builder b, String prefix, String name) {
        try {
            b.signatureHeader(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry configuration " + prefix + "signature-header = '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    private static void header(WebhookPublisherConfig.Builder b, String prefix, String name, String value,
            boolean bearer) {
        String key = prefix + "header." + name;
        if (bearer && name.equalsIgnoreCase("Authorization")) {
            throw new IllegalArgumentException("Ferry configuration " + key + " and " + prefix + "bearer-token both set"
                    + " the Authorization header: set one of them");
        }
        try {
            b.header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ferry configuration " + key + " (a secret, not shown): "
                    + e.getMessage(), e);
        }
    }

    private static URI endpoint(String key, String value) {
        String problem;
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
            problem = "use http://host/path or https://host/path";
        } catch (URISyntaxException e) {
            problem = e.getReason() + " at index " + e.getIndex();
        }
        throw new IllegalArgumentException("Ferry configuration " + key + " = '" + value + "' is not a webhook URL: "
                + problem);
    }
}

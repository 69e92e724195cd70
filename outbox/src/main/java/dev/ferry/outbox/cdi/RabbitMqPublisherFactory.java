package dev.ferry.outbox.cdi;

import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisher;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqPublisherConfig;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Builds the container's {@link RabbitMqPublisher} from configuration ({@code ferry.outbox.publisher=rabbitmq}):
 * {@code ferry.outbox.rabbitmq.uri} (required; {@code amqps} checks the server's certificate and host name
 * against the JVM's trust store), {@code username} and {@code password} (secrets, in place of the URI's user
 * information), {@code exchange} and {@code exchange.<topic>} (default: the exchange named as the topic),
 * {@code routing-key} ({@code key}, {@code type} or {@code topic} of the message) and {@code routing-key.<topic>}
 * (a fixed routing key of a topic), {@code mandatory}, {@code confirm-timeout}, {@code connection-timeout} and
 * {@code connection-name}, all under {@code ferry.outbox.rabbitmq.}. Reading connects to nothing.
 */
final class RabbitMqPublisherFactory {

    static final String PREFIX = "ferry.outbox.rabbitmq.";
    static final String URI_KEY = PREFIX + "uri";
    static final String EXCHANGE = PREFIX + "exchange";
    static final String ROUTING_KEY = PREFIX + "routing-key";

    /** What a message's routing key is, unless its topic has a fixed one. */
    enum RoutingKey {
        /** The message's key ({@code ""} without one). */
        KEY(OutgoingMessage::key),
        /** The message's type ({@code ""} without one). */
        TYPE(OutgoingMessage::type),
        /** The message's Ferry topic. */
        TOPIC(OutgoingMessage::topic);

        final Function<OutgoingMessage, String> of;

        RoutingKey(Function<OutgoingMessage, String> of) {
            this.of = of;
        }
    }

    private RabbitMqPublisherFactory() {
    }

    /**
     * @param config the configuration
     * @return the publisher (it connects when the relay hands it the first batch)
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static MessagePublisher fromConfig(FerryConfig config) {
        return new RabbitMqPublisher(read(config, connectionFactory(config)));
    }

    /**
     * @param config the configuration
     * @return where RabbitMQ is and how to log in
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) Ferry refuses
     */
    static ConnectionFactory connectionFactory(FerryConfig config) {
        SettingKeys keys = new SettingKeys(config, "RabbitMQ publisher");
        String uri = keys.string(URI_KEY, "uri").map(String::trim).orElseThrow(() -> new IllegalArgumentException(
                "Ferry configuration ferry.outbox.publisher = 'rabbitmq' needs " + URI_KEY
                        + " (amqp://host:5672/vhost or amqps://host:5671/vhost)"));
        Optional<String> username = keys.secret(PREFIX + "username", "username");
        Optional<String> password = keys.secret(PREFIX + "password", "password");
        Duration timeout = keys.duration(PREFIX + "connection-timeout", "connectionTimeout", Duration.ofSeconds(10));
        ConnectionFactory factory = new ConnectionFactory();
        setUri(factory, uri);
        username.ifPresent(factory::setUsername);
        password.ifPresent(factory::setPassword);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("Ferry configuration " + PREFIX + "connection-timeout = '"
                    + config.raw(PREFIX + "connection-timeout").orElse("") + "' must be a positive duration of at"
                    + " most 10 minutes");
        }
        factory.setConnectionTimeout((int) timeout.toMillis());
        return factory;
    }

    /**
     * @param config the configuration
     * @param factory where RabbitMQ is ({@link #connectionFactory})
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static RabbitMqPublisherConfig read(FerryConfig config, ConnectionFactory factory) {
        SettingKeys keys = new SettingKeys(config, "RabbitMQ publisher");
        Optional<String> exchange = keys.string(EXCHANGE, "exchange").map(String::trim);
        Map<String, String> exchanges = NamedKeys.read(config, keys, EXCHANGE + ".", topic -> "exchange " + topic);
        RoutingKey routing = keys.enumValue(ROUTING_KEY, "routingKey", RoutingKey.class, RoutingKey.KEY);
        Map<String, String> routingKeys = NamedKeys.read(config, keys, ROUTING_KEY + ".",
                topic -> "routing key " + topic);
        boolean mandatory = keys.bool(PREFIX + "mandatory", "mandatory", true);
        Duration confirm = keys.duration(PREFIX + "confirm-timeout", "confirmTimeout", Duration.ofSeconds(30));
        String name = keys.string(PREFIX + "connection-name", "connectionName", "ferry-outbox-publisher");
        return keys.build(() -> RabbitMqPublisherConfig.builder(factory)
                .exchange(m -> exchanges.getOrDefault(m.topic(), exchange.orElse(m.topic())))
                .routingKey(m -> routingKeys.getOrDefault(m.topic(), routing.of.apply(m)))
                .mandatory(mandatory).confirmTimeout(confirm).connectionName(name)
                .build());
    }

    private static void setUri(ConnectionFactory factory, String uri) {
        String problem;
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("amqp") && !scheme.equals("amqps") || parsed.getHost() == null) {
                problem = "use amqp://host[:port][/vhost] or amqps://host[:port][/vhost]";
            } else {
                factory.setUri(parsed);
                if (scheme.equals("amqps")) {
                    // setUri trusts every certificate for amqps; check it against the JVM's trust store instead.
                    factory.useSslProtocol(SSLContext.getDefault());
                    factory.enableHostnameVerification();
                }
                return;
            }
        } catch (URISyntaxException e) {
            problem = e.getReason() + " at index " + e.getIndex();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No TLS for " + URI_KEY + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // amqp-client's messages may quote the user information: not shown, nor chained
            problem = "amqp-client refuses it (bad port, user information or virtual host)";
        }
        throw new IllegalArgumentException("Ferry configuration " + URI_KEY + " = '" + withoutPassword(uri)
                + "' is not a RabbitMQ URI: " + problem);
    }

    /** The URI as errors may show it: a password in its user information is masked. */
    private static String withoutPassword(String uri) {
        return uri.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^@/]*@", "$1:***@");
    }
}

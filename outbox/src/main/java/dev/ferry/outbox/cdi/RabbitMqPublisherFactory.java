package dev.ferry.outbox.cdi;

import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.config.OutboxKeys;
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
     * @param outbox where the outbox's keys live
     * @return the publisher (it connects when the relay hands it the first batch)
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static MessagePublisher fromConfig(FerryConfig config, OutboxKeys outbox) {
        return new RabbitMqPublisher(read(config, outbox, connectionFactory(config, outbox)));
    }

    /**
     * @param config the configuration
     * @return where RabbitMQ is and how to log in
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) Ferry refuses
     */
    static ConnectionFactory connectionFactory(FerryConfig config) {
        return connectionFactory(config, OutboxKeys.DEFAULT);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live ({@code ferry.outbox.rabbitmq.*} or
     *     {@code ferry.outboxes.<name>.rabbitmq.*})
     * @return where RabbitMQ is and how to log in
     * @throws IllegalArgumentException naming the key (and the value, unless a secret) Ferry refuses
     */
    static ConnectionFactory connectionFactory(FerryConfig config, OutboxKeys outbox) {
        String prefix = outbox.key("rabbitmq.");
        String uriKey = prefix + "uri";
        SettingKeys keys = new SettingKeys(config, "RabbitMQ publisher");
        String uri = keys.string(uriKey, "uri").map(String::trim).orElseThrow(() -> new IllegalArgumentException(
                "Ferry configuration " + outbox.key("publisher") + " = 'rabbitmq' needs " + uriKey
                        + " (amqp://host:5672/vhost or amqps://host:5671/vhost)"));
        Optional<String> username = keys.secret(prefix + "username", "username");
        Optional<String> password = keys.secret(prefix + "password", "password");
        Duration timeout = keys.duration(prefix + "connection-timeout", "connectionTimeout", Duration.ofSeconds(10));
        ConnectionFactory factory = new ConnectionFactory();
        setUri(factory, uriKey, uri);
        username.ifPresent(factory::setUsername);
        password.ifPresent(factory::setPassword);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("Ferry configuration " + prefix + "connection-timeout = '"
                    + config.raw(prefix + "connection-timeout").orElse("") + "' must be a positive duration of at"
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
        return read(config, OutboxKeys.DEFAULT, factory);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live
     * @param factory where RabbitMQ is ({@link #connectionFactory})
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static RabbitMqPublisherConfig read(FerryConfig config, OutboxKeys outbox, ConnectionFactory factory) {
        String prefix = outbox.key("rabbitmq.");
        String exchangeKey = prefix + "exchange";
        String routingKey = prefix + "routing-key";
        SettingKeys keys = new SettingKeys(config, "RabbitMQ publisher");
        Optional<String> exchange = keys.string(exchangeKey, "exchange").map(String::trim);
        Map<String, String> exchanges = NamedKeys.read(config, keys, exchangeKey + ".", topic -> "exchange " + topic);
        RoutingKey routing = keys.enumValue(routingKey, "routingKey", RoutingKey.class, RoutingKey.KEY);
        Map<String, String> routingKeys = NamedKeys.read(config, keys, routingKey + ".",
                topic -> "routing key " + topic);
        boolean mandatory = keys.bool(prefix + "mandatory", "mandatory", true);
        Duration confirm = keys.duration(prefix + "confirm-timeout", "confirmTimeout", Duration.ofSeconds(30));
        String name = keys.string(prefix + "connection-name", "connectionName", "ferry-outbox-publisher");
        return keys.build(() -> RabbitMqPublisherConfig.builder(factory)
                .exchange(m -> exchanges.getOrDefault(m.topic(), exchange.orElse(m.topic())))
                .routingKey(m -> routingKeys.getOrDefault(m.topic(), routing.of.apply(m)))
                .mandatory(mandatory).confirmTimeout(confirm).connectionName(name)
                .build());
    }

    private static void setUri(ConnectionFactory factory, String uriKey, String uri) {
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
            throw new IllegalStateException("No TLS for " + uriKey + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // amqp-client's messages may quote the user information: not shown, nor chained
            problem = "amqp-client refuses it (bad port, user information or virtual host)";
        }
        throw new IllegalArgumentException("Ferry configuration " + uriKey + " = '" + withoutPassword(uri)
                + "' is not a RabbitMQ URI: " + problem);
    }

    /** The URI as errors may show it: a password in its user information is masked. */
    private static String withoutPassword(String uri) {
        return uri.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^@/]*@", "$1:***@");
    }
}

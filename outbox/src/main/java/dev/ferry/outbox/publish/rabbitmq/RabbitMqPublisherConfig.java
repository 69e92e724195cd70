package dev.ferry.outbox.publish.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.config.SettingChecks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link RabbitMqPublisher}'s configuration, immutable and validated when built.
 *
 * <pre>{@code
 * ConnectionFactory factory = new ConnectionFactory();
 * factory.setUri("amqps://user:secret@rabbit.example.com/vhost");
 * RabbitMqPublisherConfig config = RabbitMqPublisherConfig.builder(factory)
 *         .exchanges(Map.of("orders", "shop.orders"))   // default: exchange = Ferry topic
 *         .routingKey(m -> m.type())                      // default: the message key ("" without one)
 *         .build();
 * }</pre>
 */
public final class RabbitMqPublisherConfig {

    private final ConnectionFactory connectionFactory;
    private final Function<OutgoingMessage, String> exchange;
    private final Function<OutgoingMessage, String> routingKey;
    private final boolean mandatory;
    private final Duration confirmTimeout;
    private final String connectionName;

    private RabbitMqPublisherConfig(Builder b) {
        ConnectionFactory copy = b.connectionFactory.clone();
        // The publisher reconnects on its own on the next batch; automatic recovery would replay
        // channels whose unconfirmed messages it cannot account for.
        copy.setAutomaticRecoveryEnabled(false);
        copy.setTopologyRecoveryEnabled(false);
        this.connectionFactory = copy;
        this.exchange = b.exchange;
        this.routingKey = b.routingKey;
        this.mandatory = b.mandatory;
        this.confirmTimeout = b.confirmTimeout;
        this.connectionName = b.connectionName;
    }

    /**
     * @param connectionFactory where RabbitMQ is and how to log in (copied; automatic recovery is
     *     turned off in the copy, the publisher reconnects by itself)
     * @return a builder with the defaults
     */
    public static Builder builder(ConnectionFactory connectionFactory) {
        return new Builder(connectionFactory);
    }

    /** @return the connection factory the publisher uses */
    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /**
     * @param message a message
     * @return the exchange it is published to ({@code ""} is the default exchange)
     */
    public String exchangeOf(OutgoingMessage message) {
        String name = exchange.apply(message);
        if (name == null) {
            throw new IllegalArgumentException("The RabbitMQ exchange mapping gave no exchange for " + message);
        }
        return name;
    }

    /**
     * @param message a message
     * @return its routing key
     */
    public String routingKeyOf(OutgoingMessage message) {
        String key = routingKey.apply(message);
        return key == null ? "" : key;
    }

    /** @return whether messages are published mandatory (unroutable ones come back and fail) */
    public boolean mandatory() {
        return mandatory;
    }

    /** @return how long a publisher confirm may take */
    public Duration confirmTimeout() {
        return confirmTimeout;
    }

    /** @return the connection's name, shown in RabbitMQ's management */
    public String connectionName() {
        return connectionName;
    }

    /** Builds a {@link RabbitMqPublisherConfig}. */
    public static final class Builder {
        private final ConnectionFactory connectionFactory;
        private Function<OutgoingMessage, String> exchange = OutgoingMessage::topic;
        private Function<OutgoingMessage, String> routingKey = OutgoingMessage::key;
        private boolean mandatory = true;
        private Duration confirmTimeout = Duration.ofSeconds(30);
        private String connectionName = "ferry-outbox-publisher";

        private Builder(ConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        }

        /**
         * @param mapping gives a message's exchange (default: its Ferry topic)
         * @return this builder
         */
        public Builder exchange(Function<OutgoingMessage, String> mapping) {
            this.exchange = Objects.requireNonNull(mapping, "exchange mapping");
            return this;
        }

        /**
         * @param exchanges Ferry topic to exchange; topics not in the map are exchanges of the same name
         * @return this builder
         */
        public Builder exchanges(Map<String, String> exchanges) {
            Map<String, String> copy = Map.copyOf(exchanges);
            return exchange(m -> copy.getOrDefault(m.topic(), m.topic()));
        }

        /**
         * @param mapping gives a message's routing key (default: its key, {@code ""} without one)
         * @return this builder
         */
        public Builder routingKey(Function<OutgoingMessage, String> mapping) {
            this.routingKey = Objects.requireNonNull(mapping, "routing key mapping");
            return this;
        }

        /**
         * @param mandatory publish mandatory (default true): a message no queue is bound for comes back
         *     and fails, instead of being dropped by RabbitMQ
         * @return this builder
         */
        public Builder mandatory(boolean mandatory) {
            this.mandatory = mandatory;
            return this;
        }

        /**
         * @param timeout how long a publisher confirm may take (default 30 s); keep it well below the
         *     relay's lease
         * @return this builder
         */
        public Builder confirmTimeout(Duration timeout) {
            this.confirmTimeout = timeout;
            return this;
        }

        /**
         * @param name the connection's name in RabbitMQ (default {@code ferry-outbox-publisher})
         * @return this builder
         */
        public Builder connectionName(String name) {
            this.connectionName = Objects.requireNonNull(name, "connectionName");
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the invalid setting
         */
        public RabbitMqPublisherConfig build() {
            SettingChecks.positive("RabbitMQ publisher", "confirmTimeout", confirmTimeout, Duration.ofDays(1));
            return new RabbitMqPublisherConfig(this);
        }
    }
}

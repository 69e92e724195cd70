package dev.ferry.outbox.publish.jms;

import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link JmsPublisher}'s configuration, immutable and validated when built.
 *
 * <pre>{@code
 * ConnectionFactory factory = new ActiveMQConnectionFactory("tcp://artemis:61616?confirmationWindowSize=1048576");
 * JmsPublisherConfig config = JmsPublisherConfig.builder(factory)
 *         .credentials("app", "secret")
 *         .destinationType(JmsPublisherConfig.DestinationType.TOPIC)
 *         .destinationName(m -> "shop." + m.topic())       // default: the Ferry topic
 *         .build();
 * }</pre>
 */
public final class JmsPublisherConfig {

    /** Whether Ferry topics are JMS queues or JMS topics. */
    public enum DestinationType {
        /** Point to point (the default). */
        QUEUE,
        /** Publish and subscribe. */
        TOPIC
    }

    private final ConnectionFactory connectionFactory;
    private final String user;
    private final String password;
    private final DestinationType destinationType;
    private final Function<OutgoingMessage, String> destinationName;
    private final boolean messageGroups;
    private final boolean asyncSend;
    private final Duration sendTimeout;

    private JmsPublisherConfig(Builder b) {
        this.connectionFactory = b.connectionFactory;
        this.user = b.user;
        this.password = b.password;
        this.destinationType = b.destinationType;
        this.destinationName = b.destinationName;
        this.messageGroups = b.messageGroups;
        this.asyncSend = b.asyncSend;
        this.sendTimeout = b.sendTimeout;
    }

    /**
     * @param connectionFactory the JMS provider's connection factory (Jakarta Messaging 3.x)
     * @return a builder with the defaults
     */
    public static Builder builder(ConnectionFactory connectionFactory) {
        return new Builder(connectionFactory);
    }

    /** @return the connection factory */
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** @return the user, or null to connect without credentials */
    public String user() {
        return user;
    }

    /** @return the password, or null */
    public String password() {
        return password;
    }

    /** @return queue or topic */
    public DestinationType destinationType() {
        return destinationType;
    }

    /**
     * @param message a message
     * @return the name of its JMS destination
     */
    public String destinationOf(OutgoingMessage message) {
        String name = destinationName.apply(message);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The JMS destination mapping gave no destination for " + message);
        }
        return name;
    }

    /** @return whether {@code JMSXGroupID} is set to the message key */
    public boolean messageGroups() {
        return messageGroups;
    }

    /** @return whether sends are asynchronous with a completion listener (JMS 2.0) */
    public boolean asyncSend() {
        return asyncSend;
    }

    /** @return how long an asynchronous send may wait for its completion */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Builds a {@link JmsPublisherConfig}. */
    public static final class Builder {
        private final ConnectionFactory connectionFactory;
        private String user;
        private String password;
        private DestinationType destinationType = DestinationType.QUEUE;
        private Function<OutgoingMessage, String> destinationName = OutgoingMessage::topic;
        private boolean messageGroups = true;
        private boolean asyncSend = true;
        private Duration sendTimeout = Duration.ofSeconds(30);

        private Builder(ConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        }

        /**
         * @param user the user
         * @param password the password
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = password;
            return this;
        }

        /**
         * @param type queue (default) or topic
         * @return this builder
         */
        public Builder destinationType(DestinationType type) {
            this.destinationType = Objects.requireNonNull(type, "destinationType");
            return this;
        }

        /**
         * @param mapping gives the destination name of a message (default: its Ferry topic)
         * @return this builder
         */
        public Builder destinationName(Function<OutgoingMessage, String> mapping) {
            this.destinationName = Objects.requireNonNull(mapping, "destinationName");
            return this;
        }

        /**
         * @param groups set {@code JMSXGroupID} to the message key (default true), so that a key's
         *     messages go to one consumer at a time, in order, even with competing consumers
         * @return this builder
         */
        public Builder messageGroups(boolean groups) {
            this.messageGroups = groups;
            return this;
        }

        /**
         * @param async send asynchronously and wait for the provider's completion (default true);
         *     set false where asynchronous sends are not allowed (in a Jakarta EE web or EJB
         *     container): each send then blocks until the provider confirmed it
         * @return this builder
         */
        public Builder asyncSend(boolean async) {
            this.asyncSend = async;
            return this;
        }

        /**
         * @param timeout how long an asynchronous send may wait for its completion (default 30 s)
         * @return this builder
         */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = timeout;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the invalid setting
         */
        public JmsPublisherConfig build() {
            if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "JMS publisher setting sendTimeout must be positive, was " + sendTimeout);
            }
            return new JmsPublisherConfig(this);
        }
    }
}

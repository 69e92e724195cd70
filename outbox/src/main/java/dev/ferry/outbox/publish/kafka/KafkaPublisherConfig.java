package dev.ferry.outbox.publish.kafka;

import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.config.SettingChecks;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link KafkaPublisher}'s configuration, immutable and validated when built.
 *
 * <pre>{@code
 * KafkaPublisherConfig config = KafkaPublisherConfig.builder("broker1:9092,broker2:9092")
 *         .topics(Map.of("orders", "shop.orders.v1"))     // Ferry topic -> Kafka topic; others keep their name
 *         .deliveryTimeout(Duration.ofSeconds(30))
 *         .property("security.protocol", "SSL")          // any other producer setting
 *         .build();
 * }</pre>
 *
 * <p>Ferry always sets {@code acks=all} and {@code enable.idempotence=true} (and the serializers);
 * a property that contradicts them is refused.
 */
public final class KafkaPublisherConfig {

    private final Map<String, Object> producerProperties;
    private final Function<OutgoingMessage, String> topicMapping;
    private final Duration deliveryTimeout;

    private KafkaPublisherConfig(Builder b) {
        Map<String, Object> p = new HashMap<>(b.properties);
        p.put("bootstrap.servers", b.bootstrapServers);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", Long.toString(b.deliveryTimeout.toMillis()));
        p.put("request.timeout.ms", Long.toString(b.requestTimeout.toMillis()));
        p.put("max.block.ms", Long.toString(b.maxBlock.toMillis()));
        p.putIfAbsent("linger.ms", "5");
        p.putIfAbsent("client.id", "ferry-outbox");
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        this.producerProperties = Map.copyOf(p);
        this.topicMapping = b.topicMapping;
        this.deliveryTimeout = b.deliveryTimeout;
    }

    /**
     * @param bootstrapServers the brokers, {@code host:port,host:port}
     * @return a builder with the defaults
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return the producer's properties, Ferry's settings included */
    public Map<String, Object> producerProperties() {
        return producerProperties;
    }

    /**
     * @param message a message
     * @return the Kafka topic it goes to
     */
    public String topicOf(OutgoingMessage message) {
        String topic = topicMapping.apply(message);
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("The Kafka topic mapping gave no topic for " + message);
        }
        return topic;
    }

    /** @return how long Kafka may take to confirm a message before it fails */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** Builds a {@link KafkaPublisherConfig}. */
    public static final class Builder {
        /** The longest timeout accepted (Kafka keeps some of them as int milliseconds). */
        private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
        private static final Map<String, String> FIXED = Map.of("acks", "all", "enable.idempotence", "true");

        private final String bootstrapServers;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private Function<OutgoingMessage, String> topicMapping = OutgoingMessage::topic;
        private Duration deliveryTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration maxBlock = Duration.ofSeconds(10);

        private Builder(String bootstrapServers) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw SettingChecks.refuse("The Kafka publisher needs bootstrap servers (host:port,...)",
                        "bootstrapServers");
            }
            this.bootstrapServers = bootstrapServers;
        }

        /**
         * @param mapping gives the Kafka topic of a message (default: its Ferry topic)
         * @return this builder
         */
        public Builder topicMapping(Function<OutgoingMessage, String> mapping) {
            this.topicMapping = Objects.requireNonNull(mapping, "topicMapping");
            return this;
        }

        /**
         * @param topics Ferry topic to Kafka topic; topics not in the map keep their name
         * @return this builder
         */
        public Builder topics(Map<String, String> topics) {
            Map<String, String> copy = Map.copyOf(topics);
            return topicMapping(m -> copy.getOrDefault(m.topic(), m.topic()));
        }

        /**
         * @param timeout how long Kafka may take to confirm a message, retries included
         *     ({@code delivery.timeout.ms}, default 30 s); keep it well below the relay's lease
         * @return this builder
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long one produce request may take ({@code request.timeout.ms}, default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long a send may block for metadata or buffer space ({@code max.block.ms},
         *     default 10 s)
         * @return this builder
         */
        public Builder maxBlock(Duration timeout) {
            this.maxBlock = timeout;
            return this;
        }

        /**
         * @param name any other producer property (security, compression, {@code linger.ms} …)
         * @param value its value
         * @return this builder
         */
        public Builder property(String name, Object value) {
            Objects.requireNonNull(name, "property name");
            Objects.requireNonNull(value, () -> "value of Kafka property " + name);
            String fixed = FIXED.get(name);
            if (fixed != null && !fixed.equalsIgnoreCase(value.toString())) {
                throw SettingChecks.refuse("Kafka property " + name + "=" + value + " is not allowed: Ferry"
                        + " needs " + name + "=" + fixed + " so that a message is marked delivered only once every"
                        + " in-sync replica has it, and retries do not duplicate or reorder it", name);
            }
            properties.put(name, value);
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the invalid setting
         */
        public KafkaPublisherConfig build() {
            positive("deliveryTimeout", deliveryTimeout);
            positive("requestTimeout", requestTimeout);
            positive("maxBlock", maxBlock);
            long linger = wholeNumber("linger.ms", 5);
            if (deliveryTimeout.toMillis() < requestTimeout.toMillis() + linger) {
                throw SettingChecks.refuse("Kafka deliveryTimeout (" + deliveryTimeout.toMillis()
                        + " ms) must be at least requestTimeout + linger.ms (" + (requestTimeout.toMillis() + linger)
                        + " ms)", "deliveryTimeout", "requestTimeout", "linger.ms");
            }
            long inFlight = wholeNumber("max.in.flight.requests.per.connection", 5);
            if (inFlight > 5) {
                throw SettingChecks.refuse("Kafka property max.in.flight.requests.per.connection=" + inFlight
                        + " is not allowed: the idempotent producer keeps order with at most 5",
                        "max.in.flight.requests.per.connection");
            }
            return new KafkaPublisherConfig(this);
        }

        private long wholeNumber(String property, long fallback) {
            Object value = properties.get(property);
            if (value == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.toString().trim());
                if (n >= 0 && n <= Integer.MAX_VALUE) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw SettingChecks.refuse("Kafka property " + property + "=" + value + " is not a whole number from 0 to "
                    + Integer.MAX_VALUE, property);
        }

        private static void positive(String name, Duration d) {
            SettingChecks.positive("Kafka publisher", name, d, MAX_TIMEOUT);
        }
    }
}

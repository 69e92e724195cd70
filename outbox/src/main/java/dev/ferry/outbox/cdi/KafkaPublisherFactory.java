package dev.ferry.outbox.cdi;

import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.publish.kafka.KafkaPublisher;
import dev.ferry.outbox.publish.kafka.KafkaPublisherConfig;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.config.SettingKeys;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;

/**
 * Builds the container's {@link KafkaPublisher} from configuration ({@code ferry.outbox.publisher=kafka}):
 * {@code ferry.outbox.kafka.bootstrap-servers} (required), {@code ferry.outbox.kafka.topic.<topic>} (the Kafka
 * topic of a Ferry topic, default its name), {@code ferry.outbox.kafka.delivery-timeout},
 * {@code ferry.outbox.kafka.request-timeout}, {@code ferry.outbox.kafka.max-block} and
 * {@code ferry.outbox.kafka.properties.<name>} (any other producer property; values of properties whose name
 * says password, secret or JAAS are secrets, never shown in errors). Reading connects to nothing.
 */
final class KafkaPublisherFactory {

    /** What Kafka accepts as a topic's name. */
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private KafkaPublisherFactory() {
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live ({@code ferry.outbox.kafka.*} or
     *     {@code ferry.outboxes.<name>.kafka.*})
     * @return the publisher (its producer connects when the relay hands it the first batch)
     * @throws IllegalArgumentException naming the key and the value Ferry refuses
     */
    static MessagePublisher fromConfig(FerryConfig config, OutboxKeys outbox) {
        KafkaPublisherConfig publisher = read(config, outbox);
        try {
            return new KafkaPublisher(publisher);
        } catch (KafkaException e) {
            // the producer checks the properties Ferry passes on as they are (ferry.outbox.kafka.properties.*)
            throw new IllegalArgumentException("Ferry Kafka publisher configuration (" + outbox.key("kafka.properties.")
                    + "*): "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param config the configuration
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key and the value Ferry refuses, or the missing required key
     */
    static KafkaPublisherConfig read(FerryConfig config) {
        return read(config, OutboxKeys.DEFAULT);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live
     * @return the publisher's configuration
     * @throws IllegalArgumentException naming the key and the value Ferry refuses, or the missing required key
     */
    static KafkaPublisherConfig read(FerryConfig config, OutboxKeys outbox) {
        String prefix = outbox.key("kafka.");
        String bootstrapServers = prefix + "bootstrap-servers";
        String topicPrefix = prefix + "topic.";
        SettingKeys keys = new SettingKeys(config, "Kafka publisher");
        String servers = keys.string(bootstrapServers, "bootstrapServers").orElseThrow(() ->
                new IllegalArgumentException("Ferry configuration " + outbox.key("publisher") + " = 'kafka' needs "
                        + bootstrapServers + " (host:port,host:port)"));
        Map<String, String> topics = NamedKeys.read(config, keys, topicPrefix, topic -> "topic " + topic);
        topics.forEach((topic, kafkaTopic) -> {
            if (!LEGAL_TOPIC.matcher(kafkaTopic).matches()) {
                throw new IllegalArgumentException("Ferry configuration " + topicPrefix + topic + " = '" + kafkaTopic
                        + "' is not a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')");
            }
        });
        Duration delivery = keys.duration(prefix + "delivery-timeout", "deliveryTimeout", Duration.ofSeconds(30));
        Duration request = keys.duration(prefix + "request-timeout", "requestTimeout", Duration.ofSeconds(10));
        Duration maxBlock = keys.duration(prefix + "max-block", "maxBlock", Duration.ofSeconds(10));
        Map<String, String> properties = NamedKeys.read(config, keys, prefix + "properties.", name -> name,
                KafkaPublisherFactory::secret);
        return keys.build(() -> {
            KafkaPublisherConfig.Builder b = KafkaPublisherConfig.builder(servers.trim()).topics(topics)
                    .deliveryTimeout(delivery).requestTimeout(request).maxBlock(maxBlock);
            properties.forEach(b::property);
            return b.build();
        });
    }

    private static boolean secret(String property) {
        String name = property.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("secret") || name.contains("jaas");
    }
}

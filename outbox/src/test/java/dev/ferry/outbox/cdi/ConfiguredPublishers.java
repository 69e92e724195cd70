package dev.ferry.outbox.cdi;

import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import java.util.Map;

/** Makes the publishers of {@code ferry.outbox.publisher=kafka, rabbitmq, webhook} from keys, for other packages. */
public final class ConfiguredPublishers {

    private ConfiguredPublishers() {
    }

    /**
     * @param name {@code kafka}, {@code rabbitmq} or {@code webhook}
     * @param keys the configuration keys, listed as a properties file lists them
     * @return the publisher the container would make
     */
    public static MessagePublisher of(String name, Map<String, String> keys) {
        FerryConfig config = PublisherKeysTest.config(keys);
        ClassLoader loader = ConfiguredPublishers.class.getClassLoader();
        return switch (name) {
            case "kafka" -> {
                ClientLibrary.KAFKA.require(loader);
                yield KafkaPublisherFactory.fromConfig(config, OutboxKeys.DEFAULT);
            }
            case "rabbitmq" -> {
                ClientLibrary.RABBITMQ.require(loader);
                yield RabbitMqPublisherFactory.fromConfig(config, OutboxKeys.DEFAULT);
            }
            case "webhook" -> WebhookPublisherFactory.fromConfig(config, OutboxKeys.DEFAULT);
            default -> throw new IllegalArgumentException(name);
        };
    }
}

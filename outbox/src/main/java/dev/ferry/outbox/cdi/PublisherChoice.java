package dev.ferry.outbox.cdi;

import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the outbox's publisher in a container: a CDI bean implementing {@link MessagePublisher} if
 * the application declares one, else the one named by {@code ferry.outbox.publisher}:
 * {@code jms}, {@code cdi-event}, {@code kafka}, {@code rabbitmq} or {@code webhook}, each built from its
 * {@code ferry.outbox.<name>.*} keys. With neither, the outbox cannot start: a relay that publishes to nowhere
 * would mark messages delivered that nobody received.
 */
final class PublisherChoice {

    static final String KEY = "ferry.outbox.publisher";
    private static final String NAMES = "jms, cdi-event, kafka, rabbitmq, webhook, bean";

    private PublisherChoice() {
    }

    /**
     * @param config the configuration
     * @return the publisher named by {@code ferry.outbox.publisher}, if set
     * @throws IllegalArgumentException naming the key and the value if it names no publisher
     */
    static Optional<String> named(FerryConfig config) {
        Optional<String> named = config.string(KEY).map(s -> s.trim().toLowerCase(Locale.ROOT));
        named.ifPresent(n -> {
            if (!(", " + NAMES + ",").contains(", " + n + ",")) {
                throw new IllegalArgumentException("Ferry configuration " + KEY + " = '" + n + "' is not one of "
                        + NAMES);
            }
        });
        return named;
    }

    static MessagePublisher choose(Instance<MessagePublisher> beans, BeanManager beanManager, FerryConfig config) {
        String named = named(config).orElse(null);
        if (named == null && beans.isResolvable()) {
            return beans.get();
        }
        if (named == null) {
            throw new IllegalStateException("Ferry outbox has no publisher: declare a CDI bean implementing "
                    + MessagePublisher.class.getName() + ", or set " + KEY + " to one of "
                    + NAMES.replace(", bean", ""));
        }
        ClassLoader loader = PublisherChoice.class.getClassLoader();
        return switch (named) {
            case "cdi-event" -> new CdiEventPublisher(beanManager);
            case "jms" -> JmsPublisherFactory.fromConfig(config);
            case "kafka" -> {
                ClientLibrary.KAFKA.require(loader);
                yield KafkaPublisherFactory.fromConfig(config);
            }
            case "rabbitmq" -> {
                ClientLibrary.RABBITMQ.require(loader);
                yield RabbitMqPublisherFactory.fromConfig(config);
            }
            case "webhook" -> WebhookPublisherFactory.fromConfig(config);
            default -> {
                if (!beans.isResolvable()) {
                    throw new IllegalStateException(KEY + "=bean but no single CDI bean implements "
                            + MessagePublisher.class.getName());
                }
                yield beans.get();
            }
        };
    }
}

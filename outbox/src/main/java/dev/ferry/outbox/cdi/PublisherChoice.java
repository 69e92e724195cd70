package dev.ferry.outbox.cdi;

import dev.ferry.outbox.FerryOutbox;
import dev.ferry.outbox.config.OutboxKeys;
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
 * {@code ferry.outbox.<name>.*} keys; a named outbox's under {@code ferry.outboxes.<outbox>.} (its beans are those
 * qualified {@code @FerryOutbox("<outbox>")}). With neither, the outbox cannot start: a relay that publishes to nowhere
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
        return named(config, OutboxKeys.DEFAULT);
    }

    /**
     * @param config the configuration
     * @param outbox where the outbox's keys live
     * @return the publisher named by the outbox's {@code publisher} key, if set
     * @throws IllegalArgumentException naming the key and the value if it names no publisher
     */
    static Optional<String> named(FerryConfig config, OutboxKeys outbox) {
        String key = outbox.key("publisher");
        Optional<String> named = config.string(key).map(s -> s.trim().toLowerCase(Locale.ROOT));
        named.ifPresent(n -> {
            if (!(", " + NAMES + ",").contains(", " + n + ",")) {
                throw new IllegalArgumentException("Ferry configuration " + key + " = '" + n + "' is not one of "
                        + NAMES);
            }
        });
        return named;
    }

    static MessagePublisher choose(Instance<MessagePublisher> beans, BeanManager beanManager, FerryConfig config) {
        return choose(beans, beanManager, config, OutboxKeys.DEFAULT);
    }

    /**
     * @param beans the application's publisher beans (of the outbox's qualifier)
     * @param beanManager the application's bean manager
     * @param config the configuration
     * @param outbox where the outbox's keys live
     * @return the outbox's publisher
     * @throws IllegalStateException if there is none
     * @throws IllegalArgumentException naming the key and the value of a refused setting
     */
    static MessagePublisher choose(Instance<MessagePublisher> beans, BeanManager beanManager, FerryConfig config,
            OutboxKeys outbox) {
        String key = outbox.key("publisher");
        String named = named(config, outbox).orElse(null);
        if (named == null && beans.isResolvable()) {
            return beans.get();
        }
        if (named == null) {
            throw new IllegalStateException("Ferry " + outbox.describe() + " has no publisher: declare a CDI bean"
                    + " implementing " + MessagePublisher.class.getName() + outbox.name().map(n -> " qualified @"
                    + FerryOutbox.class.getSimpleName() + "(\"" + n + "\")").orElse("") + ", or set " + key
                    + " to one of "
                    + NAMES.replace(", bean", ""));
        }
        ClassLoader loader = PublisherChoice.class.getClassLoader();
        return switch (named) {
            case "cdi-event" -> new CdiEventPublisher(beanManager, outbox.name().map(FerryOutbox.Literal::of));
            case "jms" -> JmsPublisherFactory.fromConfig(config, outbox);
            case "kafka" -> {
                ClientLibrary.KAFKA.require(loader);
                yield KafkaPublisherFactory.fromConfig(config, outbox);
            }
            case "rabbitmq" -> {
                ClientLibrary.RABBITMQ.require(loader);
                yield RabbitMqPublisherFactory.fromConfig(config, outbox);
            }
            case "webhook" -> WebhookPublisherFactory.fromConfig(config, outbox);
            default -> {
                if (!beans.isResolvable()) {
                    throw new IllegalStateException(key + "=bean but no single CDI bean implements "
                            + MessagePublisher.class.getName());
                }
                yield beans.get();
            }
        };
    }
}

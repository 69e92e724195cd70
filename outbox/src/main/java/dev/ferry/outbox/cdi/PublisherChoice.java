package dev.ferry.outbox.cdi;

import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Locale;

/**
 * Picks the outbox's publisher in a container: a CDI bean implementing {@link MessagePublisher} if
 * the application declares one, else the one named by {@code ferry.outbox.publisher}:
 * {@code jms} or {@code cdi-event}. With neither, deployment fails: a relay that publishes to nowhere
 * would mark messages delivered that nobody received.
 */
final class PublisherChoice {

    private PublisherChoice() {
    }

    static MessagePublisher choose(Instance<MessagePublisher> beans, BeanManager beanManager, FerryConfig config) {
        String named = config.string("ferry.outbox.publisher").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (named == null && beans.isResolvable()) {
            return beans.get();
        }
        if (named == null) {
            throw new IllegalStateException("Ferry outbox has no publisher: declare a CDI bean implementing "
                    + MessagePublisher.class.getName() + ", or set ferry.outbox.publisher to jms or cdi-event");
        }
        return switch (named) {
            case "cdi-event" -> new CdiEventPublisher(beanManager);
            case "jms" -> JmsPublisherFactory.fromConfig(config);
            case "bean" -> {
                if (!beans.isResolvable()) {
                    throw new IllegalStateException("ferry.outbox.publisher=bean but no single CDI bean implements "
                            + MessagePublisher.class.getName());
                }
                yield beans.get();
            }
            default -> throw new IllegalArgumentException("Ferry configuration ferry.outbox.publisher = '" + named
                    + "' is not one of jms, cdi-event, bean");
        };
    }
}

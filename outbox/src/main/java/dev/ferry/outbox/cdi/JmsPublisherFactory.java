package dev.ferry.outbox.cdi;

import dev.ferry.outbox.config.OutboxKeys;
import dev.ferry.outbox.publish.jms.JmsPublisher;
import dev.ferry.outbox.publish.jms.JmsPublisherConfig;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.ContainerResources;
import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the container's {@link JmsPublisher} from configuration:
 * {@code ferry.outbox.jms.connection-factory} (JNDI, default {@code java:comp/DefaultJMSConnectionFactory}),
 * {@code ferry.outbox.jms.destination-type} ({@code queue} or {@code topic}, default queue) and
 * {@code ferry.outbox.jms.destination.<topic>} (the destination of a Ferry topic, default the topic's
 * name); a named outbox's under {@code ferry.outboxes.<name>.jms.}. Sends are synchronous: a container does not
 * allow asynchronous JMS sends.
 */
final class JmsPublisherFactory {

    private JmsPublisherFactory() {
    }

    static MessagePublisher fromConfig(FerryConfig config, OutboxKeys outbox) {
        String factoryKey = outbox.key("jms.connection-factory");
        String name = config.string(factoryKey, "java:comp/DefaultJMSConnectionFactory");
        ConnectionFactory factory = ContainerResources.resource(name, ConnectionFactory.class, factoryKey);
        Map<String, String> destinations = new ConcurrentHashMap<>();
        return new JmsPublisher(JmsPublisherConfig.builder(factory)
                .destinationType(config.enumValue(outbox.key("jms.destination-type"),
                        JmsPublisherConfig.DestinationType.class, JmsPublisherConfig.DestinationType.QUEUE))
                .destinationName(m -> destinations.computeIfAbsent(m.topic(),
                        topic -> config.string(outbox.key("jms.destination." + topic), topic)))
                .asyncSend(false)
                .build());
    }
}

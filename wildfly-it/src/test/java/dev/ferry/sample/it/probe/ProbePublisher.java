package dev.ferry.sample.it.probe;

import dev.ferry.outbox.Outbox;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A container-managed transaction that stores a good message and then fails to serialize a second
 * one, letting {@code PayloadSerializationException} leave the bean.
 */
@Stateless
public class ProbePublisher {

    @Inject
    Outbox outbox;

    /**
     * Publishes {@code {"probe": good}} to topic {@code probe}, then an unserializable payload.
     *
     * @param good the first message's payload
     */
    public void publishGoodThenBad(String good) {
        outbox.publish("probe", "k", Map.of("probe", good));
        outbox.publish("probe", "k", new UnserializablePayload());
    }
}

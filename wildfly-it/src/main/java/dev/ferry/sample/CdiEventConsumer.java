package dev.ferry.sample;

import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Receives order events when the outbox publishes as CDI events ({@code ferry.outbox.publisher=cdi-event}). */
@ApplicationScoped
public class CdiEventConsumer {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    @Inject
    ReceivedEvents received;

    void onMessage(@Observes OutgoingMessage message) {
        Matcher m = ORDER_ID.matcher(message.payloadAsString());
        received.record(message.id().toString(), m.find() ? m.group(1) : null, "cdi-event");
    }
}

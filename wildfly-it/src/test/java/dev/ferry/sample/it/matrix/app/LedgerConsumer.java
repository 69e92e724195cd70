package dev.ferry.sample.it.matrix.app;

import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Receives every message the outbox publishes as a CDI event ({@code ferry.outbox.publisher=cdi-event}). */
@ApplicationScoped
public class LedgerConsumer {

    @Inject
    ReceivedMessages received;

    void on(@Observes OutgoingMessage message) {
        received.record(message);
    }
}

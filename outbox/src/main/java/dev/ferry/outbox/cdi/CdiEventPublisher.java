package dev.ferry.outbox.cdi;

import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

/**
 * Delivers each message as a synchronous CDI event of type {@link OutgoingMessage} on the relay
 * thread: an observer that returns normally confirms it, one that throws fails it (it is retried).
 * Chosen with {@code ferry.outbox.publisher=cdi-event}; a named outbox's ({@code ferry.outboxes.<name>.publisher})
 * fires its events qualified {@code @FerryOutbox("<name>")}, the default outbox's unqualified ({@code @Default}).
 *
 * <pre>{@code
 * void onMessage(@Observes OutgoingMessage message) { ... }                    // every outbox's
 * void onDefault(@Observes @Default OutgoingMessage message) { ... }          // the default outbox's
 * void onBilling(@Observes @FerryOutbox("billing") OutgoingMessage message) { ... }
 * }</pre>
 */
public final class CdiEventPublisher implements MessagePublisher {

    private final BeanManager beanManager;
    private final Annotation[] qualifiers;

    /** @param beanManager the application's bean manager */
    public CdiEventPublisher(BeanManager beanManager) {
        this(beanManager, Optional.empty());
    }

    /**
     * @param beanManager the application's bean manager
     * @param qualifier the event's qualifier: a named outbox's {@code @FerryOutbox("<name>")}, none for the default
     *     outbox (an observer without qualifiers sees both)
     */
    public CdiEventPublisher(BeanManager beanManager, Optional<? extends Annotation> qualifier) {
        this.beanManager = beanManager;
        this.qualifiers = qualifier.map(q -> new Annotation[] {q}).orElse(new Annotation[0]);
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        var event = beanManager.getEvent().select(OutgoingMessage.class, qualifiers);
        for (OutgoingMessage m : batch) {
            if (report.keyFailed(m)) {
                continue;
            }
            try {
                event.fire(m);
                report.delivered(m);
            } catch (RuntimeException e) {
                report.failed(m, e);
            }
        }
    }
}

package dev.ferry.outbox.cdi;

import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;

/**
 * Delivers each message as a synchronous CDI event of type {@link OutgoingMessage} on the relay
 * thread: an observer that returns normally confirms it, one that throws fails it (it is retried).
 * Chosen with {@code ferry.outbox.publisher=cdi-event}.
 *
 * <pre>{@code
 * void onMessage(@Observes OutgoingMessage message) { ... }
 * }</pre>
 */
public final class CdiEventPublisher implements MessagePublisher {

    private final BeanManager beanManager;

    /** @param beanManager the application's bean manager */
    public CdiEventPublisher(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        var event = beanManager.getEvent().select(OutgoingMessage.class);
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

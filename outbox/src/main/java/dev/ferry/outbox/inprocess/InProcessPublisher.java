package dev.ferry.outbox.inprocess;

import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.util.List;

/**
 * Delivers messages to a listener in the same JVM, in order, one at a time: for tests and for
 * single-JVM applications that want the outbox's guarantees without a broker.
 */
public final class InProcessPublisher implements MessagePublisher {

    private final MessageListener listener;

    /** @param listener receives each message; an exception fails that message */
    public InProcessPublisher(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        for (OutgoingMessage m : batch) {
            if (report.keyFailed(m)) {
                continue;
            }
            try {
                listener.onMessage(m);
                report.delivered(m);
            } catch (Exception e) {
                report.failed(m, e);
            }
        }
    }
}

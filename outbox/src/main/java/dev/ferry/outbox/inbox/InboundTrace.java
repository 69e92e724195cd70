package dev.ferry.outbox.inbox;

import dev.ferry.inbox.Inbox;
import dev.ferry.inbox.InboxHandler;
import dev.ferry.runtime.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands a received message's trace context to the {@link Inbox}, so that its CONSUMER span
 * continues the trace of the send. The consumer helpers ({@code KafkaInbound}, {@code RabbitMqInbound},
 * {@code JmsInbound}) call {@link #receive}; the inbox (Ferry's, or a container's proxy of it) finds
 * the context on the calling thread for the message id it receives. Application code calls the
 * helpers, not this.
 */
public final class InboundTrace {

    private static final ThreadLocal<Incoming> CURRENT = new ThreadLocal<>();

    private InboundTrace() {
    }

    /**
     * What is known of a message being received.
     *
     * @param messageId its Ferry message id
     * @param system the messaging system ({@code rabbitmq}, {@code kafka}, {@code jms})
     * @param destination where it was received from (queue, topic), or null
     * @param context its {@code traceparent} and {@code tracestate}, possibly empty
     */
    public record Incoming(String messageId, String system, String destination, Map<String, String> context) {
    }

    /**
     * Runs {@code inbox.receive(messageId, handler)} with the message's trace context at hand.
     *
     * @param inbox the inbox
     * @param messageId the Ferry message id
     * @param system the messaging system
     * @param destination the queue or topic it came from, or null
     * @param traceparent the received {@code traceparent}, or null
     * @param tracestate the received {@code tracestate}, or null
     * @param handler the message's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false for a duplicate
     * @throws E the handler's exception
     */
    public static <E extends Exception> boolean receive(Inbox inbox, String messageId, String system,
                                                        String destination, String traceparent, String tracestate,
                                                        InboxHandler<E> handler) throws E {
        Map<String, String> context = new LinkedHashMap<>(2);
        if (traceparent != null) {
            context.put(Telemetry.TRACEPARENT, traceparent);
            if (tracestate != null) {
                context.put(Telemetry.TRACESTATE, tracestate);
            }
        }
        Incoming previous = CURRENT.get();
        CURRENT.set(new Incoming(messageId, system, destination, context));
        try {
            return inbox.receive(messageId, handler);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * @param messageId the id the inbox receives
     * @return what a helper said about that message on this thread, or null
     */
    static Incoming current(String messageId) {
        Incoming in = CURRENT.get();
        return in != null && in.messageId().equals(messageId) ? in : null;
    }
}

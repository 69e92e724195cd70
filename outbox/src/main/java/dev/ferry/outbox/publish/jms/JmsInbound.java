package dev.ferry.outbox.publish.jms;

import dev.ferry.inbox.Inbox;
import dev.ferry.inbox.InboxHandler;
import dev.ferry.outbox.inbox.InboundTrace;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.telemetry.Telemetry;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * What a JMS consumer (a message-driven bean, a {@code MessageListener}) reads from a message Ferry
 * published: the message id to de-duplicate on (with an {@link Inbox}), and Ferry's other
 * properties.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "destination", propertyValue = "orders"))
 * public class OrderListener implements MessageListener {
 *     @Inject Inbox inbox;
 *
 *     @Override   // container-managed transaction: the inbox record commits with the effect and the ack
 *     public void onMessage(Message message) {
 *         try {
 *             JmsInbound.receive(inbox, message, () -> ship(message.getBody(String.class)));
 *         } catch (JMSException e) {
 *             throw new IllegalStateException(e);
 *         }
 *     }
 * }
 * }</pre>
 */
public final class JmsInbound {

    private JmsInbound() {
    }

    /**
     * @param message a message published by Ferry
     * @return its Ferry message id (property {@value FerryHeaders#JMS_MESSAGE_ID})
     * @throws JMSException if the property cannot be read
     * @throws IllegalArgumentException if the message has no such property
     */
    public static String messageId(Message message) throws JMSException {
        String id = message.getStringProperty(FerryHeaders.JMS_MESSAGE_ID);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("JMS message " + message.getJMSMessageID() + " has no "
                    + FerryHeaders.JMS_MESSAGE_ID + " property; was it published by Ferry?");
        }
        return id;
    }

    /**
     * Runs the handler through the inbox, once per Ferry message id, in the caller's JTA transaction.
     * With telemetry on, the inbox's CONSUMER span continues the trace the message carries
     * ({@code traceparent} property).
     *
     * @param inbox the inbox
     * @param message a message published by Ferry
     * @param handler the message's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false for a duplicate
     * @throws E the handler's exception, after the transaction was marked for rollback
     * @throws JMSException if the message id cannot be read
     */
    public static <E extends Exception> boolean receive(Inbox inbox, Message message, InboxHandler<E> handler)
            throws E, JMSException {
        return InboundTrace.receive(inbox, messageId(message), "jms", message.getStringProperty(FerryHeaders.JMS_TOPIC),
                message.getStringProperty(Telemetry.TRACEPARENT), message.getStringProperty(Telemetry.TRACESTATE),
                handler);
    }
}

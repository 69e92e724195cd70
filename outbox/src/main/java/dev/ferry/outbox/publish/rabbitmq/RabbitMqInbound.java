package dev.ferry.outbox.publish.rabbitmq;

import com.rabbitmq.client.AMQP;
import dev.ferry.inbox.Inbox;
import dev.ferry.inbox.InboxHandler;
import dev.ferry.outbox.inbox.InboundTrace;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.telemetry.Telemetry;
import java.util.Map;

/**
 * What a RabbitMQ consumer reads from a message Ferry published: the message id to de-duplicate on
 * (with an {@link Inbox}), and Ferry's other headers.
 *
 * <pre>{@code
 * channel.basicConsume(queue, false, (tag, delivery) -> {
 *     userTransaction.begin();
 *     RabbitMqInbound.receive(inbox, delivery.getProperties(), () -> apply(delivery.getBody()));
 *     userTransaction.commit();
 *     channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
 * }, tag -> { });
 * }</pre>
 */
public final class RabbitMqInbound {

    private RabbitMqInbound() {
    }

    /**
     * @param properties a message's properties
     * @return its Ferry message id: the {@value FerryHeaders#MESSAGE_ID} header, else the AMQP
     *     {@code message-id} property
     * @throws IllegalArgumentException if it has neither
     */
    public static String messageId(AMQP.BasicProperties properties) {
        String id = header(properties, FerryHeaders.MESSAGE_ID);
        if (id == null) {
            id = properties.getMessageId();
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The RabbitMQ message has no " + FerryHeaders.MESSAGE_ID
                    + " header and no message-id property; was it published by Ferry?");
        }
        return id;
    }

    /**
     * @param properties a message's properties
     * @param name a header name, e.g. {@link FerryHeaders#MESSAGE_TYPE}
     * @return the header as text, or null if absent
     */
    public static String header(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString(); // AMQP strings arrive as LongString
    }

    /**
     * Runs the handler through the inbox, once per Ferry message id, in the caller's JTA transaction.
     * With telemetry on, the inbox's CONSUMER span continues the trace the message carries
     * ({@code traceparent} header).
     *
     * @param inbox the inbox
     * @param properties the message's properties
     * @param handler the message's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false for a duplicate
     * @throws E the handler's exception, after the transaction was marked for rollback
     */
    public static <E extends Exception> boolean receive(Inbox inbox, AMQP.BasicProperties properties,
                                                        InboxHandler<E> handler) throws E {
        return InboundTrace.receive(inbox, messageId(properties), "rabbitmq", header(properties, FerryHeaders.TOPIC),
                header(properties, Telemetry.TRACEPARENT), header(properties, Telemetry.TRACESTATE), handler);
    }
}

package dev.ferry.outbox.publish.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A channel in confirm mode used by one batch at a time, matching RabbitMQ's acks, nacks and returns
 * to the messages they answer. A nack, and the loss of the connection, mean RabbitMQ is unavailable
 * ({@link BrokerUnavailableException}); a return, or RabbitMQ closing just the channel, refuse the
 * messages in flight on it.
 */
final class ConfirmingChannel {

    /** A published message awaiting its answer. */
    private record Unconfirmed(OutgoingMessage message, Confirmations confirmations) {
    }

    private final Channel channel;
    private final NavigableMap<Long, Unconfirmed> bySeqNo = new ConcurrentSkipListMap<>();
    private final Map<String, Unconfirmed> byMessageId = new ConcurrentHashMap<>();

    ConfirmingChannel(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener(this::acked, this::nacked);
        channel.addReturnListener(r -> {
            Unconfirmed u = byMessageId.get(String.valueOf(r.getProperties().getMessageId()));
            if (u != null) {
                u.confirmations().failed(u.message(), new UnroutableMessageException(r.getReplyCode(), r.getReplyText(),
                        r.getExchange(), r.getRoutingKey()));
            }
        });
        channel.addShutdownListener(this::lost);
    }

    void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties props, byte[] body,
                 OutgoingMessage message, Confirmations confirmations) throws IOException {
        Unconfirmed u = new Unconfirmed(message, confirmations);
        long seqNo = channel.getNextPublishSeqNo();
        bySeqNo.put(seqNo, u);
        byMessageId.put(message.id().toString(), u);
        try {
            channel.basicPublish(exchange, routingKey, mandatory, props, body);
        } catch (IOException | RuntimeException e) {
            bySeqNo.remove(seqNo);
            byMessageId.remove(message.id().toString());
            throw e;
        }
    }

    private void acked(long deliveryTag, boolean multiple) {
        for (Unconfirmed u : take(deliveryTag, multiple)) {
            u.confirmations().confirmed(u.message()); // ignored if a return already failed it
        }
    }

    private void nacked(long deliveryTag, boolean multiple) {
        for (Unconfirmed u : take(deliveryTag, multiple)) {
            // RabbitMQ could not take the message (a full queue rejecting publishes, a queue that
            // failed): not the message's fault.
            u.confirmations().failed(u.message(), new BrokerUnavailableException("RabbitMQ could not take the message"
                    + " (basic.nack): a queue it routes to is full and rejects publishes, or failed", null));
        }
    }

    private void lost(ShutdownSignalException cause) {
        Exception failure = failureOf(cause);
        for (Unconfirmed u : take(Long.MAX_VALUE, true)) {
            u.confirmations().failed(u.message(), failure);
        }
    }

    /**
     * @param shutdown why a channel or its connection closed
     * @return the failure of the messages in flight on it: RabbitMQ is unavailable when the whole
     *     connection closed (lost, or closed by RabbitMQ, which shuts down or forced it) or Ferry closed
     *     it; RabbitMQ closing just the channel ({@code 403 ACCESS_REFUSED}, {@code 406
     *     PRECONDITION_FAILED} …) refuses them
     */
    static Exception failureOf(ShutdownSignalException shutdown) {
        if (shutdown.isHardError() || shutdown.isInitiatedByApplication()) {
            return new BrokerUnavailableException("RabbitMQ closed or lost the connection: " + shutdown.getMessage(),
                    shutdown);
        }
        return shutdown;
    }

    private List<Unconfirmed> take(long deliveryTag, boolean multiple) {
        List<Unconfirmed> answered = new ArrayList<>();
        if (multiple) {
            NavigableMap<Long, Unconfirmed> head = bySeqNo.headMap(deliveryTag, true);
            answered.addAll(head.values());
            head.clear();
        } else {
            Unconfirmed u = bySeqNo.remove(deliveryTag);
            if (u != null) {
                answered.add(u);
            }
        }
        answered.forEach(u -> byMessageId.remove(u.message().id().toString()));
        return answered;
    }

    boolean isOpen() {
        return channel.isOpen() && bySeqNo.isEmpty();
    }

    void close() {
        try {
            if (channel.isOpen()) {
                channel.abort();
            }
        } catch (IOException | RuntimeException e) {
            // the channel is gone either way
        }
    }
}

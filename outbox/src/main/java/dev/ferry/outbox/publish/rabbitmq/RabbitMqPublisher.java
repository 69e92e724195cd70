package dev.ferry.outbox.publish.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to RabbitMQ with publisher confirms: a message is reported delivered when RabbitMQ
 * acknowledged it (for a persistent message on a durable queue: once it is written to disk).
 * Messages are persistent ({@code delivery-mode 2}), published to an exchange and routing key
 * mapped from the message (default: exchange = Ferry topic, routing key = message key), with the
 * {@code mandatory} flag, so a message no queue is bound for comes back and fails instead of being
 * dropped. A nack, a return, a lost connection or a confirm timeout fails the message, and the
 * relay retries it with backoff.
 *
 * <p>AMQP properties: {@code message-id} = Ferry's message id, {@code type}, {@code content-type},
 * {@code timestamp}, {@code app-id} = {@code ferry}; headers: the message's own and
 * {@link FerryHeaders}'. One connection, one channel per concurrent batch; after a connection loss
 * the next batch reconnects. Each exchange is checked to exist once before it is first used, so a
 * message for a missing exchange fails alone instead of closing the channel under its batch.
 */
public final class RabbitMqPublisher implements MessagePublisher {

    private final RabbitMqPublisherConfig config;
    private final BlockingQueue<ConfirmingChannel> idle = new LinkedBlockingQueue<>();
    private final Set<String> knownExchanges = ConcurrentHashMap.newKeySet();
    private Connection connection;
    private boolean closed;

    /** @param config the configuration; the connection is opened by the first batch */
    public RabbitMqPublisher(RabbitMqPublisherConfig config) {
        this.config = config;
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) throws IOException, TimeoutException {
        ConfirmingChannel channel = borrow();
        boolean reusable = false;
        try {
            boolean answered = KeyRounds.publish(batch, report, config.confirmTimeout(), "RabbitMQ", (m, c) -> {
                String exchange = requireExchange(config.exchangeOf(m));
                channel.publish(exchange, config.routingKeyOf(m), config.mandatory(), properties(m),
                        m.payload() == null ? new byte[0] : m.payload(), m, c);
            });
            reusable = answered && channel.isOpen();
        } finally {
            if (reusable) {
                idle.offer(channel);
            } else {
                channel.close();
            }
        }
    }

    /**
     * Publishing to a missing exchange makes RabbitMQ close the channel, failing every other message
     * in flight on it. So an exchange is checked once, on a channel of its own, before it is used:
     * a missing one fails only the messages meant for it.
     */
    private String requireExchange(String exchange) throws IOException, TimeoutException {
        if (exchange.isEmpty() || knownExchanges.contains(exchange)) {
            return exchange;
        }
        Channel probe = newChannel();
        try {
            probe.exchangeDeclarePassive(exchange);
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException s && s.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == AMQP.NOT_FOUND) {
                throw new IOException("RabbitMQ has no exchange '" + exchange + "' (declare it, or map the topic to"
                        + " another exchange): " + close.getReplyText(), e);
            }
            throw e;
        } finally {
            abortQuietly(probe);
        }
        knownExchanges.add(exchange);
        return exchange;
    }

    private static AMQP.BasicProperties properties(OutgoingMessage m) {
        Map<String, Object> headers = new HashMap<>();
        m.headers().forEach((name, value) -> {
            if (!name.startsWith("ferry-")) {
                headers.put(name, value);
            }
        });
        headers.put(FerryHeaders.MESSAGE_ID, m.id().toString());
        if (m.type() != null) {
            headers.put(FerryHeaders.MESSAGE_TYPE, m.type());
        }
        if (m.key() != null) {
            headers.put(FerryHeaders.MESSAGE_KEY, m.key());
        }
        headers.put(FerryHeaders.TOPIC, m.topic());
        headers.put(FerryHeaders.CREATED_AT, m.createdAt().toString());
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .messageId(m.id().toString())
                .type(m.type())
                .contentType(m.contentType())
                .timestamp(Date.from(m.createdAt()))
                .appId("ferry")
                .headers(headers)
                .build();
    }

    private ConfirmingChannel borrow() throws IOException, TimeoutException {
        for (ConfirmingChannel c = idle.poll(); c != null; c = idle.poll()) {
            if (c.isOpen()) {
                return c;
            }
            c.close();
        }
        Channel channel = newChannel();
        try {
            return new ConfirmingChannel(channel);
        } catch (IOException | RuntimeException e) {
            abortQuietly(channel);
            throw e;
        }
    }

    private Channel newChannel() throws IOException, TimeoutException {
        Channel channel = connection().createChannel();
        if (channel == null) {
            throw new IOException("RabbitMQ allows no more channels on connection " + config.connectionName());
        }
        return channel;
    }

    private static void abortQuietly(Channel channel) {
        try {
            channel.abort();
        } catch (IOException | RuntimeException e) {
            // the channel is gone either way
        }
    }

    private synchronized Connection connection() throws IOException, TimeoutException {
        if (closed) {
            throw new IllegalStateException("The RabbitMQ publisher is closed");
        }
        if (connection == null || !connection.isOpen()) {
            knownExchanges.clear(); // the broker may have restarted without them
            connection = config.connectionFactory().newConnection(config.connectionName());
        }
        return connection;
    }

    /** Closes the channels and the connection. */
    @Override
    public synchronized void close() {
        closed = true;
        for (ConfirmingChannel c = idle.poll(); c != null; c = idle.poll()) {
            c.close();
        }
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                connection.abort();
            }
        }
    }
}

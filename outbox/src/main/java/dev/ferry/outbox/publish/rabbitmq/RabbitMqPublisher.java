package dev.ferry.outbox.publish.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.BrokerUnavailableException;
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
 * dropped.
 *
 * <p>What fails a message: a return (no route), a missing exchange, or RabbitMQ closing the channel
 * over it (no permission, a precondition) refuse that message, and the relay counts an attempt.
 * A connection that cannot be opened (refused, unreachable, login refused) or is lost or closed by
 * RabbitMQ, a nack (RabbitMQ could not take the message: a full queue that rejects publishes, a
 * queue that failed), or a round of which nothing was confirmed in time mean RabbitMQ is
 * unavailable ({@link BrokerUnavailableException}): no attempt counts, and the relay pauses.
 *
 * <p>AMQP properties: {@code message-id} = Ferry's message id, {@code type}, {@code content-type},
 * {@code timestamp}, {@code app-id} = {@code ferry}; headers: the message's own (except names
 * {@link FerryHeaders#isReserved reserved} for Ferry) and {@link FerryHeaders}'. One connection,
 * one channel per concurrent batch; after a connection loss the next batch reconnects. Each exchange
 * is checked to exist once before it is first used, so a message for a missing exchange fails alone
 * instead of closing the channel under its batch.
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
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) throws BrokerUnavailableException {
        ConfirmingChannel channel = borrow();
        boolean reusable = false;
        try {
            boolean answered = KeyRounds.publish(batch, report, config.confirmTimeout(), "RabbitMQ", (m, c) -> {
                String exchange = requireExchange(config.exchangeOf(m));
                try {
                    channel.publish(exchange, config.routingKeyOf(m), config.mandatory(), properties(m),
                            m.payload() == null ? new byte[0] : m.payload(), m, c);
                } catch (ShutdownSignalException e) {
                    throw ConfirmingChannel.failureOf(e);
                } catch (IOException e) {
                    throw unavailable("lost the connection", e);
                }
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
    private String requireExchange(String exchange) throws IOException, BrokerUnavailableException {
        if (exchange.isEmpty() || knownExchanges.contains(exchange)) {
            return exchange;
        }
        Channel probe = newChannel();
        try {
            probe.exchangeDeclarePassive(exchange);
        } catch (IOException | ShutdownSignalException e) {
            ShutdownSignalException s = e instanceof ShutdownSignalException sse ? sse
                    : e.getCause() instanceof ShutdownSignalException sse ? sse : null;
            if (s == null || s.isHardError()) {
                throw unavailable("lost the connection", e);
            }
            if (s.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND) {
                throw new IOException("RabbitMQ has no exchange '" + exchange + "' (declare it, or map the topic to"
                        + " another exchange): " + close.getReplyText(), e);
            }
            throw new IOException("RabbitMQ refused exchange '" + exchange + "': " + s.getMessage(), e);
        } finally {
            abortQuietly(probe);
        }
        knownExchanges.add(exchange);
        return exchange;
    }

    private static AMQP.BasicProperties properties(OutgoingMessage m) {
        Map<String, Object> headers = new HashMap<>();
        m.headers().forEach((name, value) -> {
            if (!FerryHeaders.isReserved(name)) {
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
        headers.put(FerryHeaders.CONTENT_TYPE, m.contentType());
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

    private ConfirmingChannel borrow() throws BrokerUnavailableException {
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
            throw unavailable("refused confirm mode on a new channel", e);
        }
    }

    /** A new channel; every way this fails concerns all messages alike, so RabbitMQ counts as unavailable. */
    private Channel newChannel() throws BrokerUnavailableException {
        Channel channel;
        try {
            channel = connection().createChannel();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw unavailable("refused the connection or a channel", e);
        }
        if (channel == null) {
            throw unavailable("allows no more channels on connection '" + config.connectionName() + "'", null);
        }
        return channel;
    }

    private BrokerUnavailableException unavailable(String what, Exception cause) {
        return new BrokerUnavailableException("RabbitMQ at " + config.connectionFactory().getHost() + ":"
                + config.connectionFactory().getPort() + " " + what + (cause == null ? "" : ": " + cause), cause);
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

package dev.ferry.outbox.publish.jms;

import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes to a Jakarta Messaging 3.x provider (ActiveMQ Artemis, …) with persistent sends: a
 * message is reported delivered when the provider confirmed the send (the completion listener of
 * an asynchronous send, or the return of a synchronous persistent send). JSON payloads are sent as
 * {@code TextMessage}, others as {@code BytesMessage}; {@code JMSType} is the message type,
 * {@code JMSXGroupID} the key (see {@link JmsPublisherConfig.Builder#messageGroups}); properties
 * carry {@link FerryHeaders}' JMS names and the message's own headers (names made valid with
 * {@link FerryHeaders#jmsPropertyName}; names {@link FerryHeaders#isReserved reserved} for Ferry and
 * names starting with {@code JMS} are dropped).
 *
 * <p>What fails a message: the errors Jakarta Messaging defines for refusing a message or its
 * destination ({@code InvalidDestinationException}, {@code JMSSecurityException},
 * {@code MessageFormatException}, {@code MessageNotWriteableException}, and their runtime forms)
 * count an attempt. A connection that cannot be created, any other JMS error (a lost connection, a
 * closed session, a provider out of resources) and a round of which nothing was confirmed in time
 * mean the provider is unavailable ({@link BrokerUnavailableException}): no attempt counts, and the
 * relay pauses.
 *
 * <p>One {@link JMSContext} (connection and session) per concurrent batch, created from the
 * connection factory and reused; one that saw an error is closed and the next batch opens a new
 * one. Only methods allowed in a Jakarta EE container are used when {@code asyncSend} is off.
 */
public final class JmsPublisher implements MessagePublisher {

    /** A context of the pool; {@code broken} once its connection reported an error. */
    private record Pooled(JMSContext context, AtomicBoolean broken) {
    }

    private final JmsPublisherConfig config;
    private final BlockingQueue<Pooled> idle = new LinkedBlockingQueue<>();
    /** Creating a destination may ask the broker (Artemis does), so each is created once. */
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param config the configuration; connections are opened by the first batches */
    public JmsPublisher(JmsPublisherConfig config) {
        this.config = config;
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) throws BrokerUnavailableException {
        Pooled pooled = borrow();
        boolean reusable = false;
        try {
            boolean answered = KeyRounds.publish(batch, report, config.sendTimeout(), "the JMS provider",
                    (m, c) -> send(pooled, m, c));
            reusable = answered && !pooled.broken().get() && !closed;
        } finally {
            if (reusable) {
                idle.offer(pooled);
            } else {
                closeQuietly(pooled.context());
            }
        }
    }

    private void send(Pooled pooled, OutgoingMessage m, Confirmations confirmations) throws Exception {
        JMSContext context = pooled.context();
        try {
            Message message = toJms(context, m);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            Destination destination = destinations.computeIfAbsent(config.destinationOf(m),
                    name -> config.destinationType() == JmsPublisherConfig.DestinationType.QUEUE
                            ? context.createQueue(name) : context.createTopic(name));
            if (!config.asyncSend()) {
                producer.send(destination, message); // a persistent send returns once the provider has it
                confirmations.confirmed(m);
                return;
            }
            producer.setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message sent) {
                    confirmations.confirmed(m);
                }

                @Override
                public void onException(Message sent, Exception error) {
                    confirmations.failed(m, failure(error));
                }
            }).send(destination, message);
        } catch (JMSRuntimeException e) {
            Exception failure = failure(e);
            if (failure instanceof BrokerUnavailableException) {
                pooled.broken().set(true); // the session's state is unknown: do not reuse it
            }
            throw failure;
        } catch (JMSException e) {
            throw failure(e);
        }
    }

    /**
     * @param error what the provider reported for a send
     * @return the error when it refuses this message or its destination; otherwise a
     *     {@link BrokerUnavailableException} with it as cause
     */
    private static Exception failure(Exception error) {
        boolean jms = error instanceof JMSException || error instanceof JMSRuntimeException;
        boolean refusal = error instanceof InvalidDestinationException
                || error instanceof InvalidDestinationRuntimeException
                || error instanceof JMSSecurityException || error instanceof JMSSecurityRuntimeException
                || error instanceof MessageFormatException || error instanceof MessageFormatRuntimeException
                || error instanceof MessageNotWriteableException
                || error instanceof MessageNotWriteableRuntimeException;
        return jms && !refusal
                ? new BrokerUnavailableException("The JMS provider is unavailable: " + error, error) : error;
    }

    private Message toJms(JMSContext context, OutgoingMessage m) throws JMSException {
        Message message;
        if ("application/json".equals(m.contentType()) && m.payload() != null) {
            message = context.createTextMessage(new String(m.payload(), StandardCharsets.UTF_8));
        } else {
            BytesMessage bytes = context.createBytesMessage();
            if (m.payload() != null) {
                bytes.writeBytes(m.payload());
            }
            message = bytes;
        }
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            String name = FerryHeaders.jmsPropertyName(h.getKey());
            if (!FerryHeaders.isReserved(name) && !name.startsWith("JMS")) {
                message.setStringProperty(name, h.getValue());
            }
        }
        message.setStringProperty(FerryHeaders.JMS_MESSAGE_ID, m.id().toString());
        if (m.type() != null) {
            message.setJMSType(m.type());
            message.setStringProperty(FerryHeaders.JMS_MESSAGE_TYPE, m.type());
        }
        if (m.key() != null) {
            message.setStringProperty(FerryHeaders.JMS_MESSAGE_KEY, m.key());
            if (config.messageGroups()) {
                message.setStringProperty("JMSXGroupID", m.key());
            }
        }
        message.setStringProperty(FerryHeaders.JMS_TOPIC, m.topic());
        message.setStringProperty(FerryHeaders.JMS_CONTENT_TYPE, m.contentType());
        message.setStringProperty(FerryHeaders.JMS_CREATED_AT, m.createdAt().toString());
        return message;
    }

    private Pooled borrow() throws BrokerUnavailableException {
        if (closed) {
            throw new IllegalStateException("The JMS publisher is closed");
        }
        for (Pooled p = idle.poll(); p != null; p = idle.poll()) {
            if (!p.broken().get()) {
                return p;
            }
            closeQuietly(p.context());
        }
        JMSContext context;
        try {
            context = config.user() == null ? config.connectionFactory().createContext()
                    : config.connectionFactory().createContext(config.user(), config.password());
        } catch (JMSRuntimeException e) {
            throw new BrokerUnavailableException("The JMS provider refused a connection: " + e, e);
        }
        AtomicBoolean broken = new AtomicBoolean();
        try {
            context.setExceptionListener(e -> broken.set(true));
        } catch (JMSRuntimeException e) {
            // a container's connection factory refuses listeners; send errors still mark the context broken
        }
        return new Pooled(context, broken);
    }

    private static void closeQuietly(JMSContext context) {
        try {
            context.close();
        } catch (JMSRuntimeException | IllegalStateException e) {
            // already unusable
        }
    }

    /** Closes the idle contexts; contexts in use by a batch are closed when it ends. */
    @Override
    public void close() {
        closed = true;
        for (Pooled p = idle.poll(); p != null; p = idle.poll()) {
            closeQuietly(p.context());
        }
    }
}

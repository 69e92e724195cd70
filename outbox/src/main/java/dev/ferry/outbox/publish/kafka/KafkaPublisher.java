package dev.ferry.outbox.publish.kafka;

import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes to Kafka with an idempotent producer and {@code acks=all}: a message is reported
 * delivered when Kafka acknowledged it on every in-sync replica. The record key is the message key,
 * so Kafka's partitioning keeps a key's messages in one partition, in Ferry's order; headers carry
 * the message id, type, key, topic, content type and creation time ({@link FerryHeaders}) and the
 * message's own headers (except names {@link FerryHeaders#isReserved reserved} for Ferry).
 *
 * <p>What fails a message: a send Kafka refuses for a reason of its own (a missing topic, which
 * Kafka reports as "unknown topic" until {@code max.block.ms} passed; a record too large; no
 * permission for the topic) counts an attempt. A send that Kafka does not confirm within the delivery
 * timeout, a metadata request that no broker answered, a retriable error, a failed authentication
 * or a producer that failed beyond recovery mean Kafka is unavailable ({@link
 * BrokerUnavailableException}): no attempt counts, and the relay pauses.
 *
 * <p>Sends are pipelined across keys, one unconfirmed message per key at a time (see
 * {@link KeyRounds}). One producer is shared by all relay threads; it is replaced when it reports
 * an error it cannot recover from.
 */
public final class KafkaPublisher implements MessagePublisher {

    private static final System.Logger LOG = System.getLogger(KafkaPublisher.class.getName());
    /** Extra wait beyond the delivery timeout, after which Kafka has called back for sure. */
    private static final Duration CALLBACK_MARGIN = Duration.ofSeconds(5);

    private final KafkaPublisherConfig config;
    /** The bootstrap servers, naming Kafka in errors. */
    private final String brokers;
    private Producer<String, byte[]> producer;

    /** @param config the configuration; the producer is created at once (it connects lazily) */
    public KafkaPublisher(KafkaPublisherConfig config) {
        this.config = config;
        this.brokers = String.valueOf(config.producerProperties().get("bootstrap.servers"));
        this.producer = newProducer();
    }

    /** What the sends of one batch learnt: whether the producer broke, or send() had to wait. */
    private static final class BatchState {
        final AtomicBoolean broken = new AtomicBoolean();
        /** A send waited max.block.ms with no answer from Kafka: the rest of the batch is not sent. */
        final AtomicBoolean blocked = new AtomicBoolean();
        /** Topics a send waited max.block.ms for, while Kafka answered that they do not exist. */
        final Set<String> unknownTopics = ConcurrentHashMap.newKeySet();
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        Producer<String, byte[]> p = producer();
        BatchState state = new BatchState();
        KeyRounds.publish(batch, report, config.deliveryTimeout().plus(CALLBACK_MARGIN), "Kafka",
                (m, c) -> send(p, m, c, state));
        if (state.broken.get()) {
            replace(p);
        }
    }

    private void send(Producer<String, byte[]> p, OutgoingMessage m, Confirmations confirmations, BatchState state)
            throws Exception {
        String topic = config.topicOf(m);
        // send() blocks up to max.block.ms without metadata or buffer space: once per batch (or topic) is enough
        if (state.blocked.get()) {
            throw new BrokerUnavailableException("Not sent: an earlier send of the batch waited max.block.ms for"
                    + " Kafka at " + brokers, null);
        }
        if (state.unknownTopics.contains(topic)) {
            throw new UnknownTopicOrPartitionException("Not sent: Kafka at " + brokers + " has no topic '" + topic
                    + "' (an earlier send of the batch waited max.block.ms for it)");
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, m.key(), m.payload(), headers(m));
        Thread sender = Thread.currentThread();
        try {
            p.send(record, (metadata, error) -> {
                if (error == null) {
                    confirmations.confirmed(m);
                    return;
                }
                Exception failure = failure(error);
                if (error instanceof TimeoutException && Thread.currentThread() == sender) {
                    // called back from within send(), which waited max.block.ms for metadata
                    if (failure instanceof BrokerUnavailableException) {
                        state.blocked.set(true);
                    } else {
                        state.unknownTopics.add(topic);
                    }
                }
                state.broken.compareAndSet(false, unrecoverable(error));
                confirmations.failed(m, failure);
            });
        } catch (TimeoutException e) {
            state.blocked.set(true);
            throw failure(e);
        } catch (KafkaException | IllegalStateException e) {
            state.broken.compareAndSet(false, unrecoverable(e));
            throw failure(e);
        }
    }

    /** An error about one record is an {@link ApiException}; anything else leaves the producer unusable. */
    private static boolean unrecoverable(Exception e) {
        return e instanceof KafkaException && !(e instanceof ApiException);
    }

    /**
     * @param error what Kafka reported for a send
     * @return the error, or a {@link BrokerUnavailableException} with it as cause when Kafka is
     *     unavailable rather than refusing this record: a timeout (unless the broker answered that the
     *     topic is unknown), a retriable error, a failed authentication, or a producer that is closed or
     *     failed beyond recovery
     */
    private Exception failure(Exception error) {
        boolean unknownTopic = error instanceof UnknownTopicOrPartitionException
                || error instanceof TimeoutException && error.getCause() instanceof UnknownTopicOrPartitionException;
        boolean unavailable = !unknownTopic && (error instanceof RetriableException
                || error instanceof AuthenticationException || error instanceof IllegalStateException
                || unrecoverable(error));
        return unavailable ? new BrokerUnavailableException("Kafka at " + brokers
                + " is unavailable: " + error, error) : error;
    }

    private static RecordHeaders headers(OutgoingMessage m) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (!FerryHeaders.isReserved(h.getKey())) {
                headers.add(h.getKey(), utf8(h.getValue()));
            }
        }
        headers.add(FerryHeaders.MESSAGE_ID, utf8(m.id().toString()));
        if (m.type() != null) {
            headers.add(FerryHeaders.MESSAGE_TYPE, utf8(m.type()));
        }
        if (m.key() != null) {
            headers.add(FerryHeaders.MESSAGE_KEY, utf8(m.key()));
        }
        headers.add(FerryHeaders.TOPIC, utf8(m.topic()));
        headers.add(FerryHeaders.CONTENT_TYPE, utf8(m.contentType()));
        headers.add(FerryHeaders.CREATED_AT, utf8(m.createdAt().toString()));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized Producer<String, byte[]> producer() {
        return producer;
    }

    private synchronized void replace(Producer<String, byte[]> broken) {
        if (producer != broken) {
            return;
        }
        LOG.log(Level.WARNING, "The Kafka producer failed beyond recovery; creating a new one");
        producer = newProducer();
        broken.close(Duration.ZERO);
    }

    private Producer<String, byte[]> newProducer() {
        return new KafkaProducer<>(Map.copyOf(config.producerProperties()));
    }

    /** Closes the producer, waiting up to 10 s for sends in flight. */
    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

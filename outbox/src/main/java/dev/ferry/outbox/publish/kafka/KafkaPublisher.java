package dev.ferry.outbox.publish.kafka;

import dev.ferry.outbox.publish.Confirmations;
import dev.ferry.outbox.publish.KeyRounds;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes to Kafka with an idempotent producer and {@code acks=all}: a message is reported
 * delivered when Kafka acknowledged it on every in-sync replica. The record key is the message key,
 * so Kafka's partitioning keeps a key's messages in one partition, in Ferry's order; headers carry
 * the message id, type, key, topic, content type and creation time ({@link FerryHeaders}) and the
 * message's own headers. A send that Kafka refuses or does not confirm within the delivery timeout
 * fails that message, and the relay retries it with backoff.
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
    private Producer<String, byte[]> producer;

    /** @param config the configuration; the producer is created at once (it connects lazily) */
    public KafkaPublisher(KafkaPublisherConfig config) {
        this.config = config;
        this.producer = newProducer();
    }

    @Override
    public void publish(List<OutgoingMessage> batch, DeliveryReport report) {
        Producer<String, byte[]> p = producer();
        AtomicBoolean broken = new AtomicBoolean();
        AtomicBoolean blocked = new AtomicBoolean();
        KeyRounds.publish(batch, report, config.deliveryTimeout().plus(CALLBACK_MARGIN), "Kafka",
                (m, c) -> send(p, m, c, broken, blocked));
        if (broken.get()) {
            replace(p);
        }
    }

    private void send(Producer<String, byte[]> p, OutgoingMessage m, Confirmations confirmations,
                      AtomicBoolean broken, AtomicBoolean blocked) {
        if (blocked.get()) {
            // send() blocks up to max.block.ms without metadata or buffer space: once per batch is enough
            throw new TimeoutException("Not sent: an earlier send of the batch waited max.block.ms for Kafka");
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.topicOf(m), null, m.key(), m.payload(),
                headers(m));
        try {
            p.send(record, (metadata, error) -> {
                if (error == null) {
                    confirmations.confirmed(m);
                } else {
                    broken.compareAndSet(false, unrecoverable(error));
                    confirmations.failed(m, error);
                }
            });
        } catch (TimeoutException e) {
            blocked.set(true);
            throw e;
        } catch (KafkaException e) {
            broken.compareAndSet(false, unrecoverable(e));
            throw e;
        }
    }

    /** An error about one record is an {@link ApiException}; anything else leaves the producer unusable. */
    private static boolean unrecoverable(Exception e) {
        return e instanceof KafkaException && !(e instanceof ApiException);
    }

    private static RecordHeaders headers(OutgoingMessage m) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (!h.getKey().startsWith("ferry-")) {
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

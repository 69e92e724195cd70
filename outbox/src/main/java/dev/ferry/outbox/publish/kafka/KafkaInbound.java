package dev.ferry.outbox.publish.kafka;

import dev.ferry.inbox.Inbox;
import dev.ferry.inbox.InboxHandler;
import dev.ferry.outbox.inbox.InboundTrace;
import dev.ferry.outbox.spi.FerryHeaders;
import dev.ferry.runtime.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What a Kafka consumer reads from a record Ferry published: the message id to de-duplicate on
 * (with an {@link Inbox}), and Ferry's other headers.
 *
 * <pre>{@code
 * for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
 *     userTransaction.begin();
 *     KafkaInbound.receive(inbox, record, () -> apply(record.value()));
 *     userTransaction.commit();
 * }
 * consumer.commitSync();
 * }</pre>
 */
public final class KafkaInbound {

    private KafkaInbound() {
    }

    /**
     * @param record a record published by Ferry
     * @return its Ferry message id
     * @throws IllegalArgumentException if the record has no {@value FerryHeaders#MESSAGE_ID} header
     */
    public static String messageId(ConsumerRecord<?, ?> record) {
        String id = header(record, FerryHeaders.MESSAGE_ID);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Kafka record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no " + FerryHeaders.MESSAGE_ID + " header; was it published by Ferry?");
        }
        return id;
    }

    /**
     * @param record a record
     * @param name a header name, e.g. {@link FerryHeaders#MESSAGE_TYPE}
     * @return the last value of the header as UTF-8 text, or null if absent
     */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Runs the handler through the inbox, once per Ferry message id, in the caller's JTA transaction.
     * With telemetry on, the inbox's CONSUMER span continues the trace the record carries
     * ({@code traceparent} header).
     *
     * @param inbox the inbox
     * @param record a record published by Ferry
     * @param handler the record's effect
     * @param <E> the handler's checked exception
     * @return true if the handler ran, false for a duplicate
     * @throws E the handler's exception, after the transaction was marked for rollback
     */
    public static <E extends Exception> boolean receive(Inbox inbox, ConsumerRecord<?, ?> record,
                                                        InboxHandler<E> handler) throws E {
        return InboundTrace.receive(inbox, messageId(record), "kafka", record.topic(),
                header(record, Telemetry.TRACEPARENT), header(record, Telemetry.TRACESTATE), handler);
    }
}

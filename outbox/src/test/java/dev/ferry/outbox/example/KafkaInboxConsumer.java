package dev.ferry.outbox.example;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.kafka.KafkaInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Applies each record once. The consumer runs with {@code enable.auto.commit=false}: the database
 * transaction (the effect and the inbox record) commits first, the offsets after it.
 */
public final class KafkaInboxConsumer {

    private KafkaInboxConsumer() {
    }

    /**
     * Consumes until the thread is interrupted. A handler that fails rolls its transaction back and
     * ends the loop without committing the offsets: restarted, the consumer gets the records again.
     *
     * @throws Exception what the handler or the database threw
     */
    public static void run(KafkaConsumer<String, byte[]> consumer, JavaSeEnvironment env, Inbox inbox,
                           Shipments shipments) throws Exception {
        while (!Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                env.transactions().inNewTransaction(                         // 1. commit effect + inbox record
                        () -> KafkaInbound.receive(inbox, record, () -> shipments.ship(record.value())));
            }
            consumer.commitSync();                                           // 2. then acknowledge (offsets)
        }
    }
}

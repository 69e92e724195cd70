package dev.ferry.outbox.example;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.kafka.KafkaInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A Java SE Kafka consumer that applies each message once (README, "Inbox"). The consumer runs with
 * {@code enable.auto.commit=false}: the database transaction (the effect and the inbox record)
 * commits first, the offsets after it. A crash between the two redelivers the records, and the
 * inbox drops them as duplicates; the reverse order would lose them.
 */
public final class KafkaInboxConsumer {

    private KafkaInboxConsumer() {
    }

    /**
     * Consumes until the thread is interrupted. A handler that fails rolls its transaction back and
     * ends the loop without committing the offsets: restarted, the consumer gets the records again.
     *
     * @param consumer a subscribed consumer, auto-commit off
     * @param env the Java SE environment (JTA transactions, the inbox's data source)
     * @param inbox the inbox
     * @param shipments the effect
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

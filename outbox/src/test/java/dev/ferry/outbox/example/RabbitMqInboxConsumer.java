package dev.ferry.outbox.example;

import com.rabbitmq.client.Channel;
import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.IOException;

/**
 * A Java SE RabbitMQ consumer that applies each message once (README, "Inbox"), with manual acks:
 * the database transaction (the effect and the inbox record) commits first, the ack after it. A
 * crash between the two redelivers the message, and the inbox drops it as a duplicate.
 */
public final class RabbitMqInboxConsumer {

    private RabbitMqInboxConsumer() {
    }

    /**
     * Starts consuming a queue. A handler that fails rolls its transaction back and the message is
     * returned to the queue ({@code basic.nack} with requeue) to be delivered again.
     *
     * @param channel a channel of the consumer's connection
     * @param queue the queue
     * @param env the Java SE environment (JTA transactions, the inbox's data source)
     * @param inbox the inbox
     * @param shipments the effect
     * @return the consumer tag
     * @throws IOException if RabbitMQ refused the consumer
     */
    public static String start(Channel channel, String queue, JavaSeEnvironment env, Inbox inbox, Shipments shipments)
            throws IOException {
        channel.basicQos(100);
        return channel.basicConsume(queue, false, (tag, delivery) -> {
            long deliveryTag = delivery.getEnvelope().getDeliveryTag();
            try {
                env.transactions().inNewTransaction(() -> RabbitMqInbound.receive(inbox,  // 1. commit effect + record
                        delivery.getProperties(), () -> shipments.ship(delivery.getBody())));
            } catch (Exception e) {
                channel.basicNack(deliveryTag, false, true);                  // rolled back: deliver it again
                return;
            }
            channel.basicAck(deliveryTag, false);                            // 2. then acknowledge
        }, tag -> { });
    }
}

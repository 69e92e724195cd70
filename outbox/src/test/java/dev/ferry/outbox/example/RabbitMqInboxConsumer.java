package dev.ferry.outbox.example;

import com.rabbitmq.client.Channel;
import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.rabbitmq.RabbitMqInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.IOException;

/**
 * Applies each message once, with manual acks: the database transaction (the effect and the inbox
 * record) commits first, the ack after it.
 */
public final class RabbitMqInboxConsumer {

    private RabbitMqInboxConsumer() {
    }

    /**
     * Starts consuming a queue. A handler that fails rolls its transaction back, and the message goes
     * back to the queue ({@code basic.nack} with requeue) to be delivered again.
     *
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

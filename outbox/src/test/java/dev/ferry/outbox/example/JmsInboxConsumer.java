package dev.ferry.outbox.example;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.jms.JmsInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Applies each message once, in {@code CLIENT_ACKNOWLEDGE} mode: the database transaction (the
 * effect and the inbox record) commits first, the acknowledgement after it. (A message-driven bean
 * gets the same order from its container.)
 */
public final class JmsInboxConsumer {

    private JmsInboxConsumer() {
    }

    /**
     * Consumes a queue until the thread is interrupted. A handler that fails rolls its transaction
     * back, and {@code recover()} has the provider deliver the unacknowledged messages again.
     *
     * @throws JMSException if the provider failed
     */
    public static void run(ConnectionFactory factory, String queue, JavaSeEnvironment env, Inbox inbox,
                           Shipments shipments) throws JMSException {
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            while (!Thread.currentThread().isInterrupted()) {
                Message message = consumer.receive(1_000);
                if (message == null) {
                    continue;
                }
                try {
                    env.transactions().inNewTransaction(() -> JmsInbound.receive(inbox, message,  // 1. commit
                            () -> shipments.ship(message.getBody(byte[].class))));
                } catch (Exception e) {
                    context.recover();                                       // rolled back: deliver it again
                    continue;
                }
                message.acknowledge();                                       // 2. then acknowledge
            }
        }
    }
}

package dev.ferry.outbox.example;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.jms.JmsInbound;
import dev.ferry.runtime.se.JavaSeEnvironment;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

/**
 * A Java SE JMS consumer that applies each message once (README, "Inbox"), in
 * {@code CLIENT_ACKNOWLEDGE} mode: the database transaction (the effect and the inbox record)
 * commits first, the acknowledgement after it. A crash between the two redelivers the message, and
 * the inbox drops it as a duplicate. (A message-driven bean in a server gets the same from
 * {@code @Transactional} and the container's acknowledgement after the commit.)
 */
public final class JmsInboxConsumer {

    private JmsInboxConsumer() {
    }

    /**
     * Consumes a queue until the thread is interrupted. A handler that fails rolls its transaction
     * back, and {@code recover()} has the provider deliver the unacknowledged messages again.
     *
     * @param factory the provider's connection factory
     * @param queue the queue
     * @param env the Java SE environment (JTA transactions, the inbox's data source)
     * @param inbox the inbox
     * @param shipments the effect
     */
    public static void run(ConnectionFactory factory, String queue, JavaSeEnvironment env, Inbox inbox,
                           Shipments shipments) {
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
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("JMS consumer of " + queue + " failed: " + e.getMessage(), e);
        }
    }
}

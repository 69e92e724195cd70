package dev.ferry.sample;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.publish.jms.JmsInbound;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Records what the consumers received, once per message id, through Ferry's inbox. */
@Stateless
public class ReceivedEvents {

    @PersistenceContext
    EntityManager em;

    @Inject
    Inbox inbox;

    /**
     * @param messageId Ferry's message id
     * @param orderId the order it is about
     * @param channel how it arrived (jms, cdi-event)
     * @return whether it was new (a redelivery records nothing)
     */
    // A transaction of its own, with the database only: the JMS delivery is not part of it (no XA
    // with the broker), and a redelivery after a crash between commit and acknowledgement is
    // recognized by the inbox.
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean record(String messageId, String orderId, String channel) {
        return inbox.receive(messageId,
                () -> em.persist(new ReceivedEvent(messageId, orderId, channel, Instant.now())));
    }

    /**
     * Records an order event that arrived over JMS, once per Ferry message id. With the server's
     * OpenTelemetry on, the inbox's CONSUMER span continues the trace the message carries.
     *
     * @param message the JMS message Ferry's relay sent
     * @param orderId the order it is about
     * @return whether it was new (a redelivery records nothing)
     * @throws JMSException if the message's properties cannot be read
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean recordJms(Message message, String orderId) throws JMSException {
        String messageId = JmsInbound.messageId(message);
        return JmsInbound.receive(inbox, message,
                () -> em.persist(new ReceivedEvent(messageId, orderId, "jms", Instant.now())));
    }

    /**
     * @param orderId an order
     * @return the events received about it
     */
    public List<ReceivedEvent> forOrder(String orderId) {
        return em.createQuery("SELECT e FROM ReceivedEvent e WHERE e.orderId = :o", ReceivedEvent.class)
                .setParameter("o", orderId).getResultList();
    }
}

package dev.ferry.sample;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Records what the consumers received, once per message id. */
@Stateless
public class ReceivedEvents {

    @PersistenceContext
    EntityManager em;

    /**
     * @param messageId Ferry's message id
     * @param orderId the order it is about
     * @param channel how it arrived (jms, cdi-event)
     * @return whether it was new (a redelivery records nothing)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean record(String messageId, String orderId, String channel) {
        if (em.find(ReceivedEvent.class, messageId) != null) {
            return false;
        }
        em.persist(new ReceivedEvent(messageId, orderId, channel, Instant.now()));
        return true;
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

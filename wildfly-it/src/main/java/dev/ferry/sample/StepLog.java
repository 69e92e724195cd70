package dev.ferry.sample;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Reads the effects the fulfilment saga wrote for an order, in the order they were written. */
@Stateless
public class StepLog {

    @PersistenceContext
    EntityManager em;

    /**
     * @param orderId an order
     * @return its saga's effects, oldest first
     */
    public List<String> actions(String orderId) {
        return em.createQuery("SELECT s.action FROM FulfilmentStep s WHERE s.orderId = :o ORDER BY s.id", String.class)
                .setParameter("o", orderId).getResultList();
    }
}

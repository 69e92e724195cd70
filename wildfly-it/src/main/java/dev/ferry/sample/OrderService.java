package dev.ferry.sample;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.UnknownSagaException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Places orders: the order row, its {@code OrderPlaced} message and its fulfilment saga commit in one
 * container transaction (or none of them does).
 */
@Stateless
public class OrderService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    SagaCoordinator sagas;

    /**
     * @param request the order
     * @return the placed order
     * @throws OrderRejectedException for customer "blocked", after writing: everything rolls back
     */
    public PurchaseOrder place(OrderRequest request) {
        PurchaseOrder order = new PurchaseOrder(UUID.randomUUID().toString(), request.customer(),
                request.totalCents(), Instant.now());
        em.persist(order);
        outbox.publish(OutboxMessage.builder("orders").key(order.getId()).type("OrderPlaced")
                .payload(new OrderPlaced(order.getId(), order.getCustomer(), order.getTotalCents())).build());
        UUID sagaId = sagas.start(OrderFulfilmentSaga.class, new FulfilmentData(order.getId(), order.getTotalCents(),
                request.failPayment(), request.failShipping(), request.awaitCarrier(), null), "order-" + order.getId());
        if ("blocked".equals(request.customer())) {
            throw new OrderRejectedException("customer 'blocked' may not order");
        }
        order.setSagaId(sagaId.toString());
        return order;
    }

    /**
     * The carrier's reply to a waiting shipping step: the order is fulfilled and the step completes,
     * in one transaction.
     *
     * @param sagaId the saga
     * @return whether the saga was waiting for it
     * @throws UnknownSagaException if there is no such saga
     */
    public boolean shipped(UUID sagaId) {
        FulfilmentData data = sagas.find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId))
                .data(FulfilmentData.class);
        em.persist(new FulfilmentStep(data.orderId(), "ship", Instant.now()));
        em.find(PurchaseOrder.class, data.orderId()).setStatus(PurchaseOrder.Status.FULFILLED);
        return sagas.completeStep(sagaId, "ship", null);
    }

    /**
     * @param id an order id
     * @return the order, or null
     */
    public PurchaseOrder find(String id) {
        return em.find(PurchaseOrder.class, id);
    }
}

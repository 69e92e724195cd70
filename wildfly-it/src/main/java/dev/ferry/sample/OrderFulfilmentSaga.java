package dev.ferry.sample;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Reserve stock → charge → ship. Each step writes its effect with JPA in the step's own container
 * transaction; when a step fails for good the completed ones are compensated, last first.
 */
@Saga(name = "order-fulfilment")
public class OrderFulfilmentSaga {

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    /**
     * Step 1: reserves the stock.
     *
     * @param data the saga's data
     */
    @SagaStep(order = 1, compensateWith = "releaseStock")
    public void reserveStock(FulfilmentData data) {
        record(data, "reserve-stock");
    }

    /**
     * Compensates step 1: releases the stock and cancels the order.
     *
     * @param data the saga's data
     */
    public void releaseStock(FulfilmentData data) {
        record(data, "release-stock");
        PurchaseOrder order = em.find(PurchaseOrder.class, data.orderId());
        order.setStatus(PurchaseOrder.Status.CANCELLED);
    }

    /**
     * Step 2: charges the order.
     *
     * @param data the saga's data
     * @return the data with the payment's id
     * @throws NonRetryableStepException if the order asked for the payment to fail
     */
    @SagaStep(order = 2, compensateWith = "refund", maxAttempts = 3, backoff = "PT1S")
    public FulfilmentData charge(FulfilmentData data) {
        if (data.failPayment()) {
            throw new NonRetryableStepException("card declined for order " + data.orderId());
        }
        record(data, "charge");
        return data.withPaymentId("pay-" + UUID.randomUUID());
    }

    /**
     * Compensates step 2: refunds the payment.
     *
     * @param data the saga's data
     */
    public void refund(FulfilmentData data) {
        record(data, "refund " + data.paymentId());
    }

    /**
     * Step 3: ships the order, or, if the order asked to await the carrier, sends it a
     * {@code ShipOrder} command through the outbox and waits for its reply.
     *
     * @param data the saga's data
     * @param ctx the step's context
     * @throws NonRetryableStepException if the order asked for the shipping to fail
     */
    @SagaStep(order = 3, timeout = "PT10M")
    public void ship(FulfilmentData data, SagaContext ctx) {
        if (data.failShipping()) {
            throw new NonRetryableStepException("no carrier for order " + data.orderId());
        }
        if (data.awaitCarrier() && !ctx.compensating()) {
            outbox.publish(OutboxMessage.builder("carrier-commands").key(data.orderId()).type("ShipOrder")
                    .payload(Map.of("orderId", data.orderId(), "sagaId", ctx.sagaId().toString())).build());
            record(data, "ship-requested");
            ctx.awaitReply();
            return;
        }
        record(data, "ship");
        em.find(PurchaseOrder.class, data.orderId()).setStatus(PurchaseOrder.Status.FULFILLED);
    }

    private void record(FulfilmentData data, String action) {
        em.persist(new FulfilmentStep(data.orderId(), action, Instant.now()));
    }
}

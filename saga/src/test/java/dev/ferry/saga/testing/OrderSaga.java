package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/** The example saga, recording each effect and failing where its data says. */
@Saga(name = "order-fulfilment")
public class OrderSaga {

    private final Effects effects;
    /** While set, every refund attempt fails. */
    public volatile boolean refundBroken;

    /** @param effects where effects are recorded */
    public OrderSaga(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "releaseStock", backoff = "PT0.05S")
    public void reserveStock(OrderData data, SagaContext ctx) {
        effects.record(ctx, "reserveStock");
        data.maybeFail(ctx);
    }

    /** Undoes step 1. */
    public void releaseStock(OrderData data, SagaContext ctx) {
        effects.record(ctx, "releaseStock");
    }

    /** Step 2: returns the data with a payment id. */
    @SagaStep(order = 2, compensateWith = "refund", maxAttempts = 5, backoff = "PT0.05S", timeout = "PT30S",
            compensationMaxAttempts = 3)
    public OrderData charge(OrderData data, SagaContext ctx) {
        effects.record(ctx, "charge");
        data.maybeFail(ctx);
        return data.withPaymentId("pay-" + data.orderId());
    }

    /** Undoes step 2; needs the payment id step 2 stored. */
    public void refund(OrderData data, SagaContext ctx) {
        if (data.paymentId() == null) {
            throw new IllegalStateException("refund without a payment id");
        }
        if (refundBroken || ctx.attempt() <= data.refundFailures()) {
            throw new IllegalStateException("payment service down (refund attempt " + ctx.attempt() + ")");
        }
        effects.record(ctx, "refund");
    }

    /** Step 3, without compensation. */
    @SagaStep(order = 3, backoff = "PT0.05S")
    public void ship(OrderData data, SagaContext ctx) {
        if (data.paymentId() == null) {
            throw new IllegalStateException("ship without a payment id");
        }
        effects.record(ctx, "ship");
        data.maybeFail(ctx);
    }
}

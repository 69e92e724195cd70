package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/**
 * A saga whose second step sends a command (a row written in the step's transaction, as the outbox
 * will) and waits up to three seconds for the reply.
 */
@Saga(name = "payment")
public class PaymentSaga {

    private final Effects effects;

    /** @param effects where effects (and the command) are recorded */
    public PaymentSaga(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "release")
    public void reserve(OrderData data, SagaContext ctx) {
        effects.record(ctx, "reserve");
    }

    /** Undoes step 1. */
    public void release(OrderData data, SagaContext ctx) {
        effects.record(ctx, "release");
    }

    /** Step 2: sends the payment command and waits for the reply. */
    @SagaStep(order = 2, compensateWith = "cancelPayment", timeout = "PT3S")
    public void requestPayment(OrderData data, SagaContext ctx) {
        effects.record(ctx, "requestPayment");
        ctx.awaitReply();
    }

    /** Undoes step 2. */
    public void cancelPayment(OrderData data, SagaContext ctx) {
        effects.record(ctx, "cancelPayment");
    }

    /** Step 3: needs the payment id of the reply. */
    @SagaStep(order = 3)
    public void ship(OrderData data, SagaContext ctx) {
        if (data.paymentId() == null) {
            throw new IllegalStateException("ship without a payment id");
        }
        effects.record(ctx, "ship");
    }
}

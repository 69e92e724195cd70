package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/**
 * Version 2 of the "fulfil" saga: a fraud check inserted before charge, the audit step removed:
 * reserve, fraudCheck, charge (waits for a reply), ship.
 */
@Saga(name = "fulfil", version = 2)
public class FulfilV2 {

    private final Effects effects;

    /** @param effects where effects are recorded */
    public FulfilV2(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "release")
    public void reserve(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "reserve");
    }

    /** Undoes step 1. */
    public void release(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "release");
    }

    /** Step 2, new in version 2. */
    @SagaStep(order = 2, compensateWith = "clearFraudCheck")
    public void fraudCheck(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "fraudCheck");
    }

    /** Undoes step 2. */
    public void clearFraudCheck(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "clearFraudCheck");
    }

    /** Step 3: sends its command and waits for the reply. */
    @SagaStep(order = 3, compensateWith = "refund")
    public void charge(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "charge");
        ctx.awaitReply();
    }

    /** Undoes step 3. */
    public void refund(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "refund");
    }

    /** Step 4. */
    @SagaStep(order = 4, backoff = "PT0.05S")
    public void ship(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "ship");
    }
}

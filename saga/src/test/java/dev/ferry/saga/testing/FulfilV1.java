package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/** Version 1 of the "fulfil" saga: reserve, audit, charge (waits for a reply), ship. */
@Saga(name = "fulfil")
public class FulfilV1 {

    private final Effects effects;

    /** @param effects where effects are recorded */
    public FulfilV1(Effects effects) {
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

    /** Step 2, removed in version 2. */
    @SagaStep(order = 2, compensateWith = "unaudit")
    public void audit(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "audit");
    }

    /** Undoes step 2. */
    public void unaudit(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "unaudit");
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

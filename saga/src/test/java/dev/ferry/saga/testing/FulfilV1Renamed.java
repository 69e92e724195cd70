package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/** Version 1 of the "fulfil" saga after its methods were renamed: the stable step names keep its instances. */
@Saga(name = "fulfil")
public class FulfilV1Renamed {

    private final Effects effects;

    /** @param effects where effects are recorded */
    public FulfilV1Renamed(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, name = "reserve", compensateWith = "releaseStock")
    public void reserveStock(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "reserve");
    }

    /** Undoes step 1. */
    public void releaseStock(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "release");
    }

    /** Step 2. */
    @SagaStep(order = 2, name = "audit", compensateWith = "removeAuditEntry")
    public void writeAuditEntry(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "audit");
    }

    /** Undoes step 2. */
    public void removeAuditEntry(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "unaudit");
    }

    /** Step 3: sends its command and waits for the reply. */
    @SagaStep(order = 3, name = "charge", compensateWith = "refundCard")
    public void chargeCard(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "charge");
        ctx.awaitReply();
    }

    /** Undoes step 3. */
    public void refundCard(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "refund");
    }

    /** Step 4. */
    @SagaStep(order = 4, name = "ship", backoff = "PT0.05S")
    public void shipOrder(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "ship");
    }
}

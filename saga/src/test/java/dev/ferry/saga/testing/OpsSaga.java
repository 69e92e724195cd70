package dev.ferry.saga.testing;

import dev.ferry.saga.FailurePolicy;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/** A saga for operator actions: prepare, risky (parks when it fails for good), confirm (waits for a reply). */
@Saga(name = "ops")
public class OpsSaga {

    private final Effects effects;
    /** While set, every attempt of risky fails. */
    public volatile boolean riskyBroken;
    /** While set, every attempt of unprepare fails. */
    public volatile boolean unprepareBroken;

    /** @param effects where effects are recorded */
    public OpsSaga(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "unprepare", compensationMaxAttempts = 1)
    public void prepare(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "prepare");
    }

    /** Undoes step 1. */
    public void unprepare(FulfilData data, SagaContext ctx) {
        if (unprepareBroken) {
            throw new IllegalStateException("unprepare is broken");
        }
        effects.record(ctx, "unprepare");
    }

    /** Step 2: suspends the saga when it fails for good. */
    @SagaStep(order = 2, compensateWith = "undoRisky", maxAttempts = 2, backoff = "PT0.05S",
            onFailure = FailurePolicy.PARK)
    public void risky(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "risky");
        if (riskyBroken) {
            throw new IllegalStateException("risky is broken (attempt " + ctx.attempt() + ")");
        }
    }

    /** Undoes step 2. */
    public void undoRisky(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "undoRisky");
    }

    /** Step 3: waits for a reply. */
    @SagaStep(order = 3, compensateWith = "unconfirm")
    public void confirm(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "confirm");
        ctx.awaitReply();
    }

    /** Undoes step 3. */
    public void unconfirm(FulfilData data, SagaContext ctx) {
        effects.record(ctx, "unconfirm");
    }
}

package dev.ferry.saga.testing;

import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;

/** Three short steps, each recording its effect; every tenth saga fails at step three. */
@Saga(name = "crash-test")
public class CrashSaga {

    private final Effects effects;

    /** @param effects where effects are recorded */
    public CrashSaga(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "undoOne", backoff = "PT0.1S")
    public void one(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "one");
        Thread.sleep(data.pauseMillis());
    }

    /** Undoes step 1. */
    public void undoOne(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "undoOne");
        Thread.sleep(data.pauseMillis());
    }

    /** Step 2. */
    @SagaStep(order = 2, compensateWith = "undoTwo", backoff = "PT0.1S")
    public void two(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "two");
        Thread.sleep(data.pauseMillis());
    }

    /** Undoes step 2. */
    public void undoTwo(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "undoTwo");
        Thread.sleep(data.pauseMillis());
    }

    /** Step 3: fails for good when the data says so (after writing its effect, which rolls back). */
    @SagaStep(order = 3, backoff = "PT0.1S")
    public void three(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "three");
        Thread.sleep(data.pauseMillis());
        if (data.failAtThree()) {
            throw new NonRetryableStepException("saga " + data.n() + " fails at step three");
        }
    }
}

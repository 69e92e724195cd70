package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import java.util.concurrent.CountDownLatch;

/** A saga whose second step is slow and has a one-second timeout. */
@Saga(name = "slow")
public class SlowSaga {

    private final Effects effects;
    /** Counted down when the slow step starts. */
    public final CountDownLatch slowStarted = new CountDownLatch(1);

    /** @param effects where effects are recorded */
    public SlowSaga(Effects effects) {
        this.effects = effects;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "undoFirst")
    public void first(SlowData data, SagaContext ctx) {
        effects.record(ctx, "first");
    }

    /** Undoes step 1. */
    public void undoFirst(SlowData data, SagaContext ctx) {
        effects.record(ctx, "undoFirst");
    }

    /** Step 2: writes its effect, then takes its time. */
    @SagaStep(order = 2, compensateWith = "undoSlow", timeout = "PT1S", maxAttempts = 1)
    public void slow(SlowData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "slow");
        slowStarted.countDown();
        Thread.sleep(data.sleepMillis());
    }

    /** Undoes step 2. */
    public void undoSlow(SlowData data, SagaContext ctx) {
        effects.record(ctx, "undoSlow");
    }

    /** Step 3. */
    @SagaStep(order = 3)
    public void last(SlowData data, SagaContext ctx) {
        effects.record(ctx, "last");
    }
}

package dev.ferry.saga.fault;

import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.Effects;

/**
 * Three short steps, each recording its effect in the step's transaction, then calling the test's
 * {@link #hook} (which may block, to hold a step mid-transaction while the test breaks its
 * connection); every tenth saga fails at step three and is compensated.
 */
@Saga(name = "fault-test")
public class FaultSaga {

    /** Called after each effect, inside the step's transaction. */
    public interface Hook {
        /**
         * @param ctx the step
         * @param action the effect just recorded
         * @throws InterruptedException if interrupted while it blocks
         */
        void after(SagaContext ctx, String action) throws InterruptedException;
    }

    /** The test's hook; none by default. */
    static volatile Hook hook = (ctx, action) -> { };

    private final Effects effects;

    /** @param effects where effects are recorded */
    public FaultSaga(Effects effects) {
        this.effects = effects;
    }

    private void apply(CrashData data, SagaContext ctx, String action) throws InterruptedException {
        effects.record(ctx, action);
        hook.after(ctx, action);
        Thread.sleep(data.pauseMillis());
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "undoOne", backoff = "PT0.1S")
    public void one(CrashData data, SagaContext ctx) throws InterruptedException {
        apply(data, ctx, "one");
    }

    /** Undoes step 1. */
    public void undoOne(CrashData data, SagaContext ctx) throws InterruptedException {
        apply(data, ctx, "undoOne");
    }

    /** Step 2. */
    @SagaStep(order = 2, compensateWith = "undoTwo", backoff = "PT0.1S")
    public void two(CrashData data, SagaContext ctx) throws InterruptedException {
        apply(data, ctx, "two");
    }

    /** Undoes step 2. */
    public void undoTwo(CrashData data, SagaContext ctx) throws InterruptedException {
        apply(data, ctx, "undoTwo");
    }

    /** Step 3: fails for good when the data says so (after writing its effect, which rolls back). */
    @SagaStep(order = 3, backoff = "PT0.1S")
    public void three(CrashData data, SagaContext ctx) throws InterruptedException {
        apply(data, ctx, "three");
        if (data.failAtThree()) {
            throw new NonRetryableStepException("saga " + data.n() + " fails at step three");
        }
    }
}

package dev.ferry.saga.testing;

import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import java.util.concurrent.CountDownLatch;

/**
 * Three short steps, each recording its effect; every tenth saga fails at step three. Built to hang
 * at step one, the first step of every saga records its effect (uncommitted), prints
 * {@value #HANGING} and the saga id, and never returns: the JVM is there to be killed mid-step.
 */
@Saga(name = "crash-test")
public class CrashSaga {

    /** What step one prints when it hangs, before the saga id. */
    public static final String HANGING = "HANGING IN STEP ONE OF ";

    private final Effects effects;
    private final boolean hangAtOne;

    /** @param effects where effects are recorded */
    public CrashSaga(Effects effects) {
        this(effects, false);
    }

    /**
     * @param effects where effects are recorded
     * @param hangAtOne whether step one hangs until the JVM is killed
     */
    public CrashSaga(Effects effects, boolean hangAtOne) {
        this.effects = effects;
        this.hangAtOne = hangAtOne;
    }

    /** Step 1. */
    @SagaStep(order = 1, compensateWith = "undoOne", backoff = "PT0.1S")
    public void one(CrashData data, SagaContext ctx) throws InterruptedException {
        effects.record(ctx, "one");
        if (hangAtOne) {
            System.out.println(HANGING + ctx.sagaId());
            System.out.flush();
            new CountDownLatch(1).await(); // until SIGKILL
        }
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

package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A one-step saga whose step takes {@link SlowData#sleepMillis()} and counts, in memory, how often
 * it was started for each saga: the count a rolled-back database effect would hide.
 */
@Saga(name = "timed")
public class TimedSaga {

    /** Step starts per saga id. */
    public final Map<UUID, Integer> starts = new ConcurrentHashMap<>();

    /** The step: counts its start, then takes its time. */
    @SagaStep(order = 1)
    public void work(SlowData data, SagaContext ctx) throws InterruptedException {
        starts.merge(ctx.sagaId(), 1, Integer::sum);
        Thread.sleep(data.sleepMillis());
    }
}

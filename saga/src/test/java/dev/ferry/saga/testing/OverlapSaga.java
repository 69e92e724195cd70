package dev.ferry.saga.testing;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A saga of four steps that each hold for {@link SlowData#sleepMillis()}, and record, in memory,
 * which thread ran them and whether a step of the same saga was running at the same time.
 */
@Saga(name = "overlap")
public class OverlapSaga {

    /** Sagas with a step running now. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    /** Sagas that had two steps running at once. */
    public final Set<UUID> overlaps = ConcurrentHashMap.newKeySet();
    /** Per saga, each step start as "step@thread", in order. */
    public final Map<UUID, List<String>> starts = new ConcurrentHashMap<>();

    /** Step 1. */
    @SagaStep(order = 1)
    public void one(SlowData data, SagaContext ctx) throws InterruptedException {
        hold(data, ctx);
    }

    /** Step 2. */
    @SagaStep(order = 2)
    public void two(SlowData data, SagaContext ctx) throws InterruptedException {
        hold(data, ctx);
    }

    /** Step 3. */
    @SagaStep(order = 3)
    public void three(SlowData data, SagaContext ctx) throws InterruptedException {
        hold(data, ctx);
    }

    /** Step 4. */
    @SagaStep(order = 4)
    public void four(SlowData data, SagaContext ctx) throws InterruptedException {
        hold(data, ctx);
    }

    private void hold(SlowData data, SagaContext ctx) throws InterruptedException {
        starts.computeIfAbsent(ctx.sagaId(), k -> new CopyOnWriteArrayList<>())
                .add(ctx.stepName() + "@" + Thread.currentThread().getName());
        if (!running.add(ctx.sagaId())) {
            overlaps.add(ctx.sagaId());
        }
        try {
            Thread.sleep(data.sleepMillis());
        } finally {
            running.remove(ctx.sagaId());
        }
    }
}

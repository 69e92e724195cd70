package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.testing.SagaTestRig;
import dev.ferry.saga.testing.SlowData;
import dev.ferry.saga.testing.TimedSaga;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A worker claims several sagas under one lease and works through them one after another; a saga
 * still waiting when half its lease has passed is released, not started, so that another engine
 * cannot claim it from under a running step.
 */
class ClaimedSagaLeaseTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aClaimedSagaIsNotStartedOnAHalfSpentLease(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_half_lease")) {
            TimedSaga saga = new TimedSaga();
            SagaEngine first = rig.build(settings("first"), b -> b.register(TimedSaga.class, saga));
            SagaCoordinator sagas = first.coordinator();
            // Each step takes 2.5 s of a 4 s lease: the first engine claims both sagas at once, and the
            // second saga's claim would have 1.5 s of its lease left when the first is done.
            UUID a = sagas.start(TimedSaga.class, new SlowData(2_500));
            UUID b = sagas.start(TimedSaga.class, new SlowData(2_500));
            first.start();
            awaitAnyStart(saga.starts);
            try (SagaEngine second = SagaEngine.builder().environment(rig.env()).settings(settings("second"))
                    .register(TimedSaga.class, saga).build()) {
                second.start();
                rig.await(a, SagaStatus.COMPLETED);
                rig.await(b, SagaStatus.COMPLETED);
            }
            assertEquals(Map.of(a, 1, b, 1), saga.starts, "step starts per saga");
        }
    }

    private static SagaSettings settings(String workerId) {
        return SagaTestRig.testSettings().workerId(workerId).workers(1).claimBatchSize(2)
                .leaseDuration(Duration.ofSeconds(4)).build();
    }

    private static void awaitAnyStart(Map<UUID, Integer> starts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (starts.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no step started within 20 s");
            }
            Thread.sleep(10);
        }
    }
}

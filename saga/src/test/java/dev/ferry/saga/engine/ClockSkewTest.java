package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.testing.OverlapSaga;
import dev.ferry.saga.testing.SagaTestRig;
import dev.ferry.saga.testing.SlowData;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Leases and due times are decided by the database's clock: an engine whose clock runs ahead by
 * twice the lease never takes a saga whose lease another engine holds and renews, and never runs a
 * step of a saga while another engine runs one.
 */
class ClockSkewTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    /** Each step holds a third of the lease; a saga of four steps outlives one lease, renewed with every step. */
    private static final long STEP_MILLIS = 1_000;

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void anEngineWhoseClockRunsAheadByTwiceTheLeaseStealsNoLeaseAndNoStepsOverlap(TestDatabase database)
            throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_clock_skew")) {
            OverlapSaga saga = new OverlapSaga();
            SagaEngine honest = rig.build(settings("honest"), b -> b.register(OverlapSaga.class, saga)
                    .clock(Clock.systemUTC()));
            SagaCoordinator sagas = honest.coordinator();
            UUID held = sagas.start(OverlapSaga.class, new SlowData(STEP_MILLIS));
            honest.start();
            Await.until(Duration.ofSeconds(20), "the honest engine to start a step of " + held,
                    () -> saga.starts.containsKey(held));

            List<UUID> others = new ArrayList<>();
            try (SagaEngine ahead = SagaEngine.builder().environment(rig.env()).settings(settings("ahead"))
                    .register(OverlapSaga.class, saga)
                    .clock(Clock.offset(Clock.systemUTC(), LEASE.multipliedBy(2))).build()) {
                ahead.start();
                for (int i = 0; i < 4; i++) {
                    others.add(sagas.start(OverlapSaga.class, new SlowData(STEP_MILLIS)));
                }
                rig.await(held, SagaStatus.COMPLETED);
                for (UUID id : others) {
                    rig.await(id, SagaStatus.COMPLETED);
                }
            }

            assertEquals(Set.of(), saga.overlaps, "sagas with two steps running at once");
            Map<UUID, List<String>> steps = new TreeMap<>();
            saga.starts.forEach((id, s) -> steps.put(id, s.stream().map(x -> x.substring(0, x.indexOf('@')))
                    .toList()));
            for (UUID id : steps.keySet()) {
                assertEquals(List.of("one", "two", "three", "four"), steps.get(id), "each step of " + id + " once");
            }
            assertTrue(saga.starts.get(held).stream().allMatch(s -> s.contains("-honest")),
                    "the saga the honest engine held stayed with it: " + saga.starts.get(held));
            assertTrue(others.stream().anyMatch(id -> saga.starts.get(id).stream().anyMatch(s -> s.contains("-ahead"))),
                    "the engine ahead ran sagas too: " + saga.starts);
        }
    }

    private static SagaSettings settings(String workerId) {
        return SagaTestRig.testSettings().workerId(workerId).workers(1).claimBatchSize(1).leaseDuration(LEASE)
                .build();
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.UnknownVersions;
import dev.ferry.saga.testing.FulfilData;
import dev.ferry.saga.testing.FulfilV1;
import dev.ferry.saga.testing.FulfilV1Renamed;
import dev.ferry.saga.testing.FulfilV2;
import dev.ferry.saga.testing.SagaTestRig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Redeploying a saga: instances run to their end on the version they started on, compensation
 * follows the step log, and a deployment that would strand in-flight instances is refused (or
 * parks them when told to). Each "deployment" is a new engine on the same tables.
 */
class SagaVersionsTest {

    private static final FulfilData DATA = new FulfilData("o", 10);

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void v1InstancesFinishOnV1BesideV2AndCompensateExactlyWhatRan(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_versions")) {
            SagaCoordinator v1 = rig.start(b -> b.register(FulfilV1.class, new FulfilV1(rig.effects())));
            UUID aborted = v1.start("fulfil", DATA);
            UUID declined = v1.start("fulfil", DATA);
            UUID completed = v1.start("fulfil", DATA);
            for (UUID id : List.of(aborted, declined, completed)) {
                assertEquals("charge", rig.await(id, SagaStatus.WAITING).currentStep());
            }
            rig.engine().close();

            // Version 2 inserts fraudCheck before charge (where the v1 instances wait) and drops audit,
            // which they completed. The version-1 class stays registered to drain them.
            SagaCoordinator sagas = rig.start(b -> b.register(FulfilV2.class, new FulfilV2(rig.effects()))
                    .register(FulfilV1.class, new FulfilV1(rig.effects())));
            UUID fresh = sagas.start("fulfil", DATA);
            SagaView freshView = rig.await(fresh, SagaStatus.WAITING);
            assertEquals(2, freshView.version(), "new instances start on the highest version");
            assertEquals(List.of("reserve", "fraudCheck", "charge"), rig.effectsOf(fresh));
            assertThrows(IllegalArgumentException.class, () -> sagas.start(FulfilV1.class, DATA),
                    "an older version's class starts nothing");

            assertTrue(sagas.abort(aborted));
            SagaView abortedView = rig.await(aborted, SagaStatus.COMPENSATED);
            assertEquals(1, abortedView.version());
            assertEquals(List.of("reserve", "audit", "charge", "refund", "unaudit", "release"),
                    rig.effectsOf(aborted), "the removed step is compensated, the inserted one is not");
            StepRecord abort = abortedView.audit().get(0);
            assertEquals(StepOutcome.ABORTED, abort.outcome());
            assertEquals("anonymous", abort.actor());

            assertTrue(sagas.failStep(declined, "charge", "card declined"));
            rig.await(declined, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserve", "audit", "charge", "unaudit", "release"), rig.effectsOf(declined),
                    "a failed reply leaves its step out");

            assertTrue(sagas.completeStep(completed, "charge", null));
            rig.await(completed, SagaStatus.COMPLETED);
            assertEquals(List.of("reserve", "audit", "charge", "ship"), rig.effectsOf(completed));

            assertTrue(sagas.completeStep(fresh, "charge", null));
            rig.await(fresh, SagaStatus.COMPLETED);
            assertEquals(List.of("reserve", "fraudCheck", "charge", "ship"), rig.effectsOf(fresh));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void deployingV2AloneWithV1InFlightIsRefusedOrParksWhenToldTo(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_unknown_version")) {
            SagaCoordinator v1 = rig.start(b -> b.register(FulfilV1.class, new FulfilV1(rig.effects())));
            UUID first = v1.start("fulfil", DATA);
            UUID second = v1.start("fulfil", DATA);
            rig.await(first, SagaStatus.WAITING);
            rig.await(second, SagaStatus.WAITING);
            rig.engine().close();

            SagaEngine refused = rig.build(SagaTestRig.testSettings().build(),
                    b -> b.register(FulfilV2.class, new FulfilV2(rig.effects())));
            IllegalStateException e = assertThrows(IllegalStateException.class, refused::start);
            assertTrue(e.getMessage().contains("saga 'fulfil' has 2 instance(s) in flight on version 1"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("ferry.saga.unknown-versions=park"), e.getMessage());
            assertEquals(SagaStatus.WAITING, refused.coordinator().find(first).orElseThrow().status());

            SagaCoordinator parking = rig.start(SagaTestRig.testSettings().unknownVersions(UnknownVersions.PARK)
                    .build(), b -> b.register(FulfilV2.class, new FulfilV2(rig.effects())));
            SagaView parked = rig.await(first, SagaStatus.SUSPENDED);
            assertTrue(parked.lastError().contains("version 1, which is not registered"), parked.lastError());
            assertEquals(SagaStatus.CANCELLED, parking.withActor("ops").cancel(first, "v1 retired"),
                    "cancel needs no definition");
            assertEquals(List.of("reserve", "audit", "charge"), rig.effectsOf(first));
            assertThrows(IllegalStateException.class, () -> parking.resume(second, "no v1 here"));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void renamedMethodsWithStableNamesKeepInFlightInstancesRunning(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_renamed")) {
            SagaCoordinator before = rig.start(b -> b.register(FulfilV1.class, new FulfilV1(rig.effects())));
            UUID completed = before.start("fulfil", DATA);
            UUID aborted = before.start("fulfil", DATA);
            rig.await(completed, SagaStatus.WAITING);
            rig.await(aborted, SagaStatus.WAITING);
            rig.engine().close();

            SagaCoordinator after = rig.start(b -> b.register(FulfilV1Renamed.class,
                    new FulfilV1Renamed(rig.effects())));
            assertTrue(after.completeStep(completed, "charge", null), "callers keep the step's name");
            rig.await(completed, SagaStatus.COMPLETED);
            assertEquals(List.of("reserve", "audit", "charge", "ship"), rig.effectsOf(completed));
            assertTrue(after.abort(aborted));
            rig.await(aborted, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserve", "audit", "charge", "refund", "unaudit", "release"), rig.effectsOf(aborted));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void dataThatNoLongerReadsSuspendsTheSagaNamingClassAndField(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_bad_data")) {
            SagaCoordinator sagas = rig.start(b -> b.register(FulfilV2.class, new FulfilV2(rig.effects())));
            UUID id = sagas.start("fulfil", DATA);
            rig.await(id, SagaStatus.WAITING);
            try (Connection c = rig.schema().connect();
                 PreparedStatement ps = c.prepareStatement("UPDATE ferry_saga SET saga_data = ? WHERE id = ?")) {
                ps.setString(1, "{\"orderId\":\"o\",\"amount\":\"lots\"}");
                ps.setString(2, id.toString());
                assertEquals(1, ps.executeUpdate());
            }
            assertTrue(sagas.completeStep(id, "charge", null));

            SagaView suspended = rig.await(id, SagaStatus.SUSPENDED);
            assertEquals("ship", suspended.currentStep());
            assertTrue(suspended.lastError().contains(FulfilData.class.getName()), suspended.lastError());
            assertTrue(suspended.lastError().contains("amount"), suspended.lastError());
            assertEquals(0, suspended.history().stream().filter(r -> r.outcome() == StepOutcome.FAILED).count(),
                    "parked at once, not retried");

            assertEquals(SagaStatus.COMPLETED, sagas.skip(id, "ship", new FulfilData("o", 12), "shipped by hand"));
            assertEquals(12, rig.await(id, SagaStatus.COMPLETED).data(FulfilData.class).amount());
        }
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.testing.OrderData;
import dev.ferry.saga.testing.OrderSaga;
import dev.ferry.saga.testing.PaymentSaga;
import dev.ferry.saga.testing.SagaTestRig;
import dev.ferry.saga.testing.SlowData;
import dev.ferry.saga.testing.SlowSaga;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The saga contracts on real databases: steps, retries, compensation, timeouts, abort, start. */
class SagaEngineTest {

    @Test
    void changingTheBuilderAfterBuildLeavesTheEngineAlone() throws Exception {
        // any database will do: the first of those this run tests
        try (SagaTestRig rig = SagaTestRig.create(TestDatabases.selected().get(0), "saga_builder_copy")) {
            SagaEngine.Builder builder = SagaEngine.builder().environment(rig.env()).createTables(true)
                    .settings(SagaTestRig.testSettings().build())
                    .register(OrderSaga.class, new OrderSaga(rig.effects()));
            SagaEngine engine = builder.build();
            builder.register(PaymentSaga.class, new PaymentSaga(rig.effects())).workers(7).schema("elsewhere");
            assertEquals(List.of("order-fulfilment"), engine.sagaNames());
            assertEquals(2, engine.settings().workers());
            assertThrows(IllegalArgumentException.class,
                    () -> engine.coordinator().start(PaymentSaga.class, OrderData.ok("p1")),
                    "a saga registered with the builder after build() is not this engine's");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void happyPathRunsEveryStepOnceAndPassesReturnedData(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_happy")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UUID id = sagas.start(OrderSaga.class, OrderData.ok("o1"));

            SagaView view = rig.await(id, SagaStatus.COMPLETED);
            assertEquals(List.of("reserveStock", "charge", "ship"), rig.effectsOf(id));
            assertEquals("pay-o1", view.data(OrderData.class).paymentId());
            assertEquals("order-fulfilment", view.name());
            assertEquals(List.of("reserveStock:COMPLETED", "charge:COMPLETED", "ship:COMPLETED"), outcomes(view));
            assertTrue(view.history().stream().allMatch(r -> r.at() != null && r.attempt() == 1));
            assertEquals(1, sagas.list(SagaStatus.COMPLETED, 10).size());
            assertTrue(sagas.find(UUID.randomUUID()).isEmpty());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void failureAtEachPositionCompensatesExactlyTheCompletedStepsInReverse(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_positions")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UUID atReserve = sagas.start("order-fulfilment", OrderData.failing("a", "reserveStock", 99));
            UUID atCharge = sagas.start("order-fulfilment", OrderData.failing("b", "charge", 99));
            UUID atShip = sagas.start("order-fulfilment", OrderData.failing("c", "ship", 99));

            rig.await(atReserve, SagaStatus.COMPENSATED);
            rig.await(atCharge, SagaStatus.COMPENSATED);
            SagaView ship = rig.await(atShip, SagaStatus.COMPENSATED);

            // A failed attempt's own effect is rolled back with it; compensations run last step first, once each.
            assertEquals(List.of(), rig.effectsOf(atReserve));
            assertEquals(List.of("reserveStock", "releaseStock"), rig.effectsOf(atCharge));
            assertEquals(List.of("reserveStock", "charge", "refund", "releaseStock"), rig.effectsOf(atShip));
            assertEquals(List.of("reserveStock:COMPLETED", "charge:COMPLETED", "ship:FAILED", "ship:FAILED",
                    "ship:FAILED", "charge:COMPENSATED", "reserveStock:COMPENSATED"), outcomes(ship));
            assertTrue(ship.lastError().contains("step ship failed at attempt 3"), ship.lastError());
            assertEquals(3, sagas.list(SagaStatus.COMPENSATED, 10).size());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void retriesThenSucceedsAndNonRetryableFailsAtOnce(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_retry")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UUID retried = sagas.start(OrderSaga.class, OrderData.failing("r", "charge", 3));
            UUID nonRetryable = sagas.start(OrderSaga.class,
                    OrderData.failing("n", "charge", 99).withNonRetryableFailure());

            SagaView ok = rig.await(retried, SagaStatus.COMPLETED);
            assertEquals(List.of("reserveStock", "charge", "ship"), rig.effectsOf(retried));
            List<StepRecord> charge = ok.history().stream().filter(r -> r.step().equals("charge")).toList();
            assertEquals(List.of(StepOutcome.FAILED, StepOutcome.FAILED, StepOutcome.FAILED, StepOutcome.COMPLETED),
                    charge.stream().map(StepRecord::outcome).toList());
            assertEquals(List.of(1, 2, 3, 4), charge.stream().map(StepRecord::attempt).toList());
            // Backoff PT0.05S doubling: 50, 100, 200 ms between the attempts.
            assertTrue(charge.get(3).at().toEpochMilli() - charge.get(0).at().toEpochMilli() >= 340,
                    "attempts too close: " + charge);

            SagaView failed = rig.await(nonRetryable, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserveStock:COMPLETED", "charge:FAILED", "reserveStock:COMPENSATED"),
                    outcomes(failed));
            assertTrue(failed.lastError().contains("NonRetryableStepException"), failed.lastError());
            assertEquals(List.of("reserveStock", "releaseStock"), rig.effectsOf(nonRetryable));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void compensationFailingTwiceThenSucceedingIsRetried(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_comp_retry")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UUID id = sagas.start(OrderSaga.class, OrderData.failing("c", "ship", 99).withRefundFailures(2));

            SagaView view = rig.await(id, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserveStock", "charge", "refund", "releaseStock"), rig.effectsOf(id));
            List<StepRecord> refunds = view.history().stream().filter(r -> r.step().equals("charge")
                    && r.outcome() != StepOutcome.COMPLETED).toList();
            assertEquals(
                    List.of(StepOutcome.COMPENSATION_FAILED, StepOutcome.COMPENSATION_FAILED, StepOutcome.COMPENSATED),
                    refunds.stream().map(StepRecord::outcome).toList());
            assertTrue(refunds.get(0).error().contains("payment service down"), refunds.get(0).error());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void compensationFailingForGoodParksTheSagaUntilRetry(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_parked")) {
            OrderSaga saga = new OrderSaga(rig.effects());
            saga.refundBroken = true;
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, saga));
            UUID id = sagas.start(OrderSaga.class, OrderData.failing("p", "ship", 99));

            SagaView parked = rig.await(id, SagaStatus.PARKED);
            assertEquals("charge", parked.currentStep());
            assertEquals(3, parked.attempts());
            assertTrue(parked.lastError().contains("payment service down"), parked.lastError());
            assertEquals(List.of("reserveStock", "charge"), rig.effectsOf(id));
            assertEquals(List.of(id), sagas.list(SagaStatus.PARKED, 10).stream().map(SagaView::id).toList());
            assertFalse(sagas.abort(id), "a parked saga is already compensating");

            saga.refundBroken = false;
            assertTrue(sagas.retry(id));
            rig.await(id, SagaStatus.COMPENSATED);
            assertEquals(List.of("reserveStock", "charge", "refund", "releaseStock"), rig.effectsOf(id));
            assertFalse(sagas.retry(id), "only a parked saga can be retried");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void stepPastItsTimeoutIsRolledBackAndTheSagaCompensated(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_timeout")) {
            SagaCoordinator sagas = rig.start(b -> b.register(SlowSaga.class, new SlowSaga(rig.effects())));
            UUID id = sagas.start(SlowSaga.class, new SlowData(1500));

            SagaView view = rig.await(id, SagaStatus.COMPENSATED);
            assertEquals(List.of("first", "undoFirst"), rig.effectsOf(id), "the slow step's effect is rolled back");
            assertEquals(List.of("first:COMPLETED", "slow:TIMED_OUT", "first:COMPENSATED"), outcomes(view));
            assertTrue(view.lastError().contains("timed out"), view.lastError());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void abortRollsBackTheStepInFlightAndCompensatesNow(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_abort")) {
            SlowSaga saga = new SlowSaga(rig.effects());
            SagaCoordinator sagas = rig.start(b -> b.register(SlowSaga.class, saga));
            UUID id = sagas.start(SlowSaga.class, new SlowData(700));
            assertTrue(saga.slowStarted.await(10, TimeUnit.SECONDS));

            assertTrue(sagas.abort(id));
            SagaView view = rig.await(id, SagaStatus.COMPENSATED);
            assertEquals(List.of("first", "undoFirst"), rig.effectsOf(id), "the step in flight must not commit");
            assertEquals(List.of("first:COMPLETED", "slow:ABORTED", "first:COMPENSATED"), outcomes(view));
            assertFalse(sagas.abort(id), "a compensated saga cannot be aborted");
            assertThrows(IllegalArgumentException.class, () -> sagas.abort(UUID.randomUUID()));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void startInARolledBackTransactionStartsNothingAndInACommittedOneRunsAfterCommit(TestDatabase database)
            throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_tx")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UserTransaction ut = rig.env().userTransaction();

            ut.begin();
            UUID rolledBack = sagas.start(OrderSaga.class, OrderData.ok("rb"));
            assertEquals(SagaStatus.RUNNING, sagas.find(rolledBack).orElseThrow().status(),
                    "visible in its transaction");
            ut.rollback();
            assertTrue(sagas.find(rolledBack).isEmpty());
            assertEquals(0, rig.count("SELECT COUNT(*) FROM ferry_saga"));

            ut.begin();
            UUID committed = sagas.start(OrderSaga.class, OrderData.ok("c"));
            Thread.sleep(300);
            assertEquals(List.of(), rig.effectsOf(committed), "no step runs before the commit");
            ut.commit();
            rig.await(committed, SagaStatus.COMPLETED);
            assertEquals(0, rig.count("SELECT COUNT(*) FROM effect WHERE saga_id = '" + rolledBack + "'"));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void sameIdempotencyKeyReturnsTheSameSagaAndStartsNothingNew(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_idem")) {
            // Tables in a named schema, under names of the application's choosing.
            SagaSettings settings = SagaTestRig.testSettings().schema(rig.schema().schema())
                    .instanceTable("order_sagas").stepTable("order_saga_log").build();
            SagaCoordinator sagas = rig.start(settings, b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            UUID first = sagas.start(OrderSaga.class, OrderData.ok("k"), "order-k");
            UUID again = sagas.start("order-fulfilment", OrderData.ok("k"), "order-k");
            UserTransaction ut = rig.env().userTransaction();
            ut.begin();
            UUID inTx = sagas.start(OrderSaga.class, OrderData.ok("k"), "order-k");
            ut.commit();
            UUID other = sagas.start(OrderSaga.class, OrderData.ok("k2"), "order-k2");

            assertEquals(first, again);
            assertEquals(first, inTx);
            assertFalse(first.equals(other));
            rig.await(first, SagaStatus.COMPLETED);
            rig.await(other, SagaStatus.COMPLETED);
            assertEquals(2, rig.count("SELECT COUNT(*) FROM " + rig.schema().schema() + ".order_sagas"));
            assertEquals(6, rig.count("SELECT COUNT(*) FROM " + rig.schema().schema() + ".order_saga_log"));
            assertEquals(List.of("reserveStock", "charge", "ship"), rig.effectsOf(first));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void startRefusesUnknownSagasAndWrongData(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_refuse")) {
            SagaCoordinator sagas = rig.start(b -> b.register(OrderSaga.class, new OrderSaga(rig.effects())));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> sagas.start("nope", OrderData.ok("x")));
            assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                    () -> sagas.start(OrderSaga.class, "not an order"));
            assertTrue(wrongType.getMessage().contains(OrderData.class.getName()), wrongType.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sagas.start(SlowSaga.class, new SlowData(1)));
            assertNotNull(rig.engine().settings());
        }
    }

    static List<String> outcomes(SagaView view) {
        return view.history().stream().map(r -> r.step() + ":" + r.outcome()).collect(Collectors.toList());
    }
}

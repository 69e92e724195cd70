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
import dev.ferry.saga.UnknownSagaException;
import dev.ferry.saga.testing.FulfilData;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.SagaTestRig;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Operator actions on real databases: what each changes, its audit entry, and what it refuses. */
class OperatorActionsTest {

    private static final FulfilData DATA = new FulfilData("o", 1);

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void suspendedStepIsResumedThenAWaitingStepSkippedEachWithItsAuditEntry(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_ops_resume")) {
            OpsSaga saga = new OpsSaga(rig.effects());
            saga.riskyBroken = true;
            SagaCoordinator ops = rig.start(b -> b.register(OpsSaga.class, saga)).withActor("alice");
            UUID id = ops.start("ops", DATA);
            SagaView suspended = rig.await(id, SagaStatus.SUSPENDED);
            assertEquals("risky", suspended.currentStep());
            assertEquals(List.of("prepare:COMPLETED", "risky:FAILED", "risky:FAILED"), outcomes(suspended));
            assertEquals(List.of("prepare"), rig.effectsOf(id), "failed attempts rolled back, nothing compensated");

            saga.riskyBroken = false;
            assertEquals(SagaStatus.RUNNING, ops.resume(id, "risk service fixed"));
            assertEquals("confirm", rig.await(id, SagaStatus.WAITING).currentStep());
            assertEquals(SagaStatus.COMPLETED, ops.skip(id, "confirm", null, "confirmed by phone"));

            SagaView done = rig.await(id, SagaStatus.COMPLETED);
            assertEquals(List.of("prepare", "risky", "confirm"), rig.effectsOf(id));
            List<StepRecord> audit = done.audit();
            assertEquals(2, audit.size());
            assertAudit(audit.get(0), "risky", StepOutcome.RESUMED, "alice", "risk service fixed");
            assertAudit(audit.get(1), "confirm", StepOutcome.SKIPPED, "alice", "confirmed by phone");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void suspendedSagaIsCompensatedAndASkippedStepCountsAsDone(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_ops_compensate")) {
            OpsSaga saga = new OpsSaga(rig.effects());
            saga.riskyBroken = true;
            SagaCoordinator ops = rig.start(b -> b.register(OpsSaga.class, saga)).withActor("bob");
            UUID compensated = ops.start("ops", DATA);
            UUID skipped = ops.start("ops", DATA);
            rig.await(compensated, SagaStatus.SUSPENDED);
            rig.await(skipped, SagaStatus.SUSPENDED);

            assertEquals(SagaStatus.COMPENSATING, ops.compensate(compensated, "customer cancelled"));
            SagaView view = rig.await(compensated, SagaStatus.COMPENSATED);
            assertEquals(List.of("prepare", "unprepare"), rig.effectsOf(compensated));
            assertAudit(view.audit().get(0), "risky", StepOutcome.COMPENSATION_ORDERED, "bob", "customer cancelled");

            assertEquals(SagaStatus.RUNNING, ops.skip(skipped, "risky", new FulfilData("o", 2), "done by hand"));
            SagaView waiting = rig.await(skipped, SagaStatus.WAITING);
            assertEquals(2, waiting.data(FulfilData.class).amount(), "the operator's data");
            StepRecord skip = waiting.history().stream().filter(e -> e.outcome() == StepOutcome.SKIPPED)
                    .findFirst().orElseThrow();
            assertTrue(skip.dataBefore().contains("\"amount\":1") && skip.dataAfter().contains("\"amount\":2"),
                    "the skip records the data before and after: " + skip);
            StepRecord prepared = waiting.history().get(0);
            assertEquals(StepOutcome.COMPLETED, prepared.outcome());
            assertTrue(prepared.dataBefore() != null && prepared.dataAfter() != null, "a completed step: " + prepared);
            assertEquals(null, waiting.history().stream().filter(e -> e.outcome() == StepOutcome.FAILED)
                    .findFirst().orElseThrow().dataAfter(), "a failed attempt carries no data");
            assertEquals(SagaStatus.COMPENSATING, ops.abort(skipped, "customer withdrew"));
            SagaView aborted = rig.await(skipped, SagaStatus.COMPENSATED);
            assertEquals(List.of("prepare", "confirm", "unconfirm", "undoRisky", "unprepare"), rig.effectsOf(skipped));
            StepRecord abort = aborted.audit().get(aborted.audit().size() - 1);
            assertEquals(StepOutcome.ABORTED, abort.outcome());
            assertEquals("bob", abort.actor());
            assertTrue(abort.error().endsWith(": customer withdrew"), abort.error());
            IllegalStateException late = assertThrows(IllegalStateException.class,
                    () -> ops.abort(skipped, "again"));
            assertTrue(late.getMessage().contains("COMPENSATED") && late.getMessage().contains("abort"),
                    late.getMessage());
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void cancelEndsASagaWithoutCompensationAndParkedCompensationIsRetried(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_ops_cancel")) {
            OpsSaga saga = new OpsSaga(rig.effects());
            SagaCoordinator ops = rig.start(b -> b.register(OpsSaga.class, saga)).withActor("carol");
            UUID cancelled = ops.start("ops", DATA);
            rig.await(cancelled, SagaStatus.WAITING);
            assertEquals(SagaStatus.CANCELLED, ops.cancel(cancelled, "duplicate order"));
            SagaView view = rig.await(cancelled, SagaStatus.CANCELLED);
            assertEquals(List.of("prepare", "risky", "confirm"), rig.effectsOf(cancelled), "nothing compensated");
            assertAudit(view.audit().get(0), "confirm", StepOutcome.CANCELLED, "carol", "duplicate order");
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> ops.cancel(cancelled, "twice"));
            assertTrue(again.getMessage().contains("CANCELLED") && again.getMessage().contains("cancel"),
                    again.getMessage());

            saga.riskyBroken = true;
            saga.unprepareBroken = true;
            UUID parked = ops.start("ops", DATA);
            rig.await(parked, SagaStatus.SUSPENDED);
            ops.compensate(parked, "give up");
            rig.await(parked, SagaStatus.PARKED);
            assertFalse(ops.retry(cancelled), "the deprecated retry still answers false for a saga not parked");
            saga.unprepareBroken = false;
            assertEquals(SagaStatus.COMPENSATING, ops.retryCompensation(parked, "unprepare fixed"));
            SagaView retried = rig.await(parked, SagaStatus.COMPENSATED);
            assertEquals(List.of("prepare", "unprepare"), rig.effectsOf(parked));
            assertAudit(retried.audit().get(1), "prepare", StepOutcome.COMPENSATION_RETRIED, "carol",
                    "unprepare fixed");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void actionsJoinTheCallersTransactionAndRefuseWhatTheStatusDoesNotAllow(TestDatabase database)
            throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_ops_refuse")) {
            OpsSaga saga = new OpsSaga(rig.effects());
            saga.riskyBroken = true;
            SagaCoordinator ops = rig.start(b -> b.register(OpsSaga.class, saga));
            UUID id = ops.start("ops", DATA);
            rig.await(id, SagaStatus.SUSPENDED);

            UserTransaction ut = rig.env().userTransaction();
            ut.begin();
            assertEquals(SagaStatus.CANCELLED, ops.cancel(id, "rolled back"));
            assertEquals(SagaStatus.CANCELLED, ops.find(id).orElseThrow().status(), "visible in its transaction");
            ut.rollback();
            SagaView after = ops.find(id).orElseThrow();
            assertEquals(SagaStatus.SUSPENDED, after.status());
            assertTrue(after.audit().isEmpty(), "no audit entry without the change");

            UUID unknown = UUID.randomUUID();
            UnknownSagaException missing = assertThrows(UnknownSagaException.class, () -> ops.resume(unknown, "x"));
            assertEquals(unknown, missing.id());
            assertTrue(missing.getMessage().contains(unknown.toString()));
            IllegalStateException wrong = assertThrows(IllegalStateException.class,
                    () -> ops.retryCompensation(id, "x"));
            assertTrue(wrong.getMessage().contains("SUSPENDED") && wrong.getMessage().contains("retryCompensation"),
                    wrong.getMessage());
            IllegalStateException notThere = assertThrows(IllegalStateException.class,
                    () -> ops.skip(id, "confirm", null, "x"));
            assertTrue(notThere.getMessage().contains("at step risky"), notThere.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ops.skip(id, "nope", null, "x"));
            assertThrows(IllegalArgumentException.class, () -> ops.skip(id, "risky", "not data", "x"));
            assertThrows(IllegalArgumentException.class, () -> ops.withActor(" "));

            saga.riskyBroken = false;
            ops.resume(id, "go");
            rig.await(id, SagaStatus.WAITING);
            assertTrue(ops.completeStep(id, "confirm", null));
            rig.await(id, SagaStatus.COMPLETED);
            IllegalStateException finished = assertThrows(IllegalStateException.class, () -> ops.resume(id, "x"));
            assertTrue(finished.getMessage().contains("COMPLETED") && finished.getMessage().contains("resume"),
                    finished.getMessage());
            StepRecord resumed = rig.await(id, SagaStatus.COMPLETED).audit().get(0);
            assertEquals("anonymous", resumed.actor(), "without withActor in Java SE");
            assertNotNull(resumed.at());
        }
    }

    private static void assertAudit(StepRecord entry, String step, StepOutcome action, String actor, String reason) {
        assertEquals(step, entry.step());
        assertEquals(action, entry.outcome());
        assertEquals(actor, entry.actor());
        assertEquals(reason, entry.error());
        assertNotNull(entry.at());
        assertTrue(entry.isOperatorAction());
    }

    private static List<String> outcomes(SagaView view) {
        return view.history().stream().map(r -> r.step() + ":" + r.outcome()).toList();
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.saga.FailurePolicy;
import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaStep;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.definition.SagaDefinition;
import dev.ferry.saga.definition.SagaDefinitionReader;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The state machine alone, without a database. */
class TransitionsTest {

    public record D(int x) {
    }

    @Saga(name = "four")
    public static class Four {
        @SagaStep(order = 1, compensateWith = "undoA", maxAttempts = 4, backoff = "PT1S")
        public void a(D d) { }

        public void undoA(D d) { }

        @SagaStep(order = 2)
        public void b(D d) { }

        @SagaStep(order = 3, compensateWith = "undoC", timeout = "PT10S", compensationMaxAttempts = 2)
        public void c(D d) { }

        public void undoC(D d) { }

        @SagaStep(order = 4)
        public void d(D d) { }
    }

    private final SagaDefinition def = SagaDefinitionReader.read(Four.class);
    private final Transitions transitions = new Transitions(SagaSettings.builder()
            .maxBackoff(Duration.ofSeconds(5)).build());
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private List<StepRecord> done(String... steps) {
        List<StepRecord> log = new ArrayList<>();
        for (String s : steps) {
            log.add(new StepRecord(s, StepOutcome.COMPLETED, 1, now, null));
        }
        return log;
    }

    private SagaRow at(SagaStatus status, String step, int attempts) {
        return new SagaRow(1, UUID.randomUUID(), "four", 1, status, step, attempts, "{}", 7, null, now, null, now, now);
    }

    @Test
    void completedStepMovesOnAndKeepsTheLeaseUntilTheLast() {
        SagaUpdate next = transitions.completed(def, at(SagaStatus.RUNNING, "a", 0), def.step("a"), 1, "{}", now);
        assertEquals(SagaStatus.RUNNING, next.status());
        assertEquals("b", next.currentStep());
        assertEquals(now, next.nextRunAt());
        assertTrue(next.holdLease());
        SagaUpdate last = transitions.completed(def, at(SagaStatus.RUNNING, "d", 0), def.step("d"), 1, "{}", now);
        assertEquals(SagaStatus.COMPLETED, last.status());
        assertNull(last.currentStep());
        assertNull(last.nextRunAt());
    }

    @Test
    void sagaThatGoesOnAtOnceKeepsTheTimeItBecameDue() {
        SagaRow overdue = new SagaRow(1, UUID.randomUUID(), "four", 1, SagaStatus.RUNNING, "a", 0, "{}", 7, null,
                now.minusSeconds(5), null, now, now);
        assertEquals(now.minusSeconds(5), transitions.completed(def, overdue, def.step("a"), 1, "{}", now).nextRunAt(),
                "the due time (an indexed column) stays, so the row can be updated in place");
        SagaRow notYetDue = new SagaRow(1, UUID.randomUUID(), "four", 1, SagaStatus.RUNNING, "a", 0, "{}", 7, null,
                now.plusSeconds(5), null, now, now);
        assertEquals(now, transitions.completed(def, notYetDue, def.step("a"), 1, "{}", now).nextRunAt());
    }

    @Test
    void failedAttemptIsRetriedWithDoublingBackoffCappedByTheMaximum() {
        RuntimeException boom = new IllegalStateException("boom");
        SagaUpdate first = transitions.failed(def, at(SagaStatus.RUNNING, "a", 0), def.step("a"), 1,
                boom, null, now, List::of);
        assertEquals(now.plusSeconds(1), first.nextRunAt());
        assertEquals(SagaStatus.RUNNING, first.status());
        assertFalse(first.holdLease());
        SagaUpdate third = transitions.failed(def, at(SagaStatus.RUNNING, "a", 2), def.step("a"), 3,
                boom, null, now, List::of);
        assertEquals(now.plusSeconds(4), third.nextRunAt());
        SagaUpdate last = transitions.failed(def, at(SagaStatus.RUNNING, "a", 3), def.step("a"), 4,
                boom, null, now, List::of);
        assertEquals(SagaStatus.COMPENSATED, last.status(), "nothing before a to compensate");
    }

    @Test
    void retryIsNotScheduledPastTheDeadline() {
        Instant deadline = now.plusMillis(300);
        SagaUpdate u = transitions.failed(def, at(SagaStatus.RUNNING, "c", 0), def.step("c"), 1,
                new IllegalStateException(), deadline, now, List::of);
        assertEquals(deadline, u.nextRunAt());
        assertEquals(deadline, u.deadlineAt());
        SagaUpdate late = transitions.failed(def, at(SagaStatus.RUNNING, "c", 1), def.step("c"), 2,
                new IllegalStateException(), deadline, deadline, () -> done("a", "b"));
        assertEquals(StepOutcome.TIMED_OUT, late.history().get(0).outcome());
        assertEquals("a", late.currentStep(), "b has no compensation: a is next");
    }

    @Test
    void compensationSkipsStepsWithoutOneAndParksWhenOutOfAttempts() {
        SagaUpdate failed = transitions.failed(def, at(SagaStatus.RUNNING, "d", 0), def.step("d"), 1,
                new NonRetryableStepException("no"), null, now, () -> done("a", "b", "c"));
        assertEquals(SagaStatus.COMPENSATING, failed.status());
        assertEquals("c", failed.currentStep());
        SagaUpdate afterC = transitions.compensated(def, at(SagaStatus.COMPENSATING, "c", 0), def.step("c"), 1, "{}",
                now, done("a", "b", "c"));
        assertEquals("a", afterC.currentStep());
        List<StepRecord> cCompensated = new ArrayList<>(done("a", "b", "c"));
        cCompensated.add(new StepRecord("c", StepOutcome.COMPENSATED, 1, now, null));
        SagaUpdate afterA = transitions.compensated(def, at(SagaStatus.COMPENSATING, "a", 0), def.step("a"), 1, "{}",
                now, cCompensated);
        assertEquals(SagaStatus.COMPENSATED, afterA.status());

        SagaUpdate retry = transitions.compensationFailed(at(SagaStatus.COMPENSATING, "c", 0), def.step("c"), 1,
                new IllegalStateException(), now);
        assertEquals(SagaStatus.COMPENSATING, retry.status());
        SagaUpdate parked = transitions.compensationFailed(at(SagaStatus.COMPENSATING, "c", 1), def.step("c"), 2,
                new IllegalStateException(), now);
        assertEquals(SagaStatus.PARKED, parked.status());
        assertNull(parked.nextRunAt());
        SagaUpdate retried = transitions.retried(at(SagaStatus.PARKED, "c", 2), "op", "fixed", now);
        assertEquals(SagaStatus.COMPENSATING, retried.status());
        assertEquals(0, retried.attempts());
    }

    @Test
    void aStepThatParksOnFailureSuspendsTheSagaAndALoggedStepTheDefinitionLacksParksIt() {
        SagaDefinition parking = SagaDefinitionReader.read(Parking.class);
        SagaUpdate suspended = transitions.failed(parking, at(SagaStatus.RUNNING, "b", 0), parking.step("b"), 1,
                new NonRetryableStepException("no"), null, now, () -> done("a"));
        assertEquals(SagaStatus.SUSPENDED, suspended.status());
        assertEquals("b", suspended.currentStep());
        assertNull(suspended.nextRunAt());
        SagaUpdate stranded = transitions.failed(def, at(SagaStatus.RUNNING, "d", 0), def.step("d"), 1,
                new NonRetryableStepException("no"), null, now, () -> done("a", "gone", "c"));
        assertEquals("c", stranded.currentStep());
        List<StepRecord> cCompensated = new ArrayList<>(done("a", "gone", "c"));
        SagaUpdate parked = transitions.compensated(def, at(SagaStatus.COMPENSATING, "c", 0), def.step("c"), 1, "{}",
                now, cCompensated);
        assertEquals(SagaStatus.PARKED, parked.status());
        assertTrue(parked.lastError().contains("step 'gone' completed"), parked.lastError());
    }

    @Saga(name = "parking")
    public static class Parking {
        @SagaStep(order = 1)
        public void a(D d) { }

        @SagaStep(order = 2, maxAttempts = 1, onFailure = FailurePolicy.PARK)
        public void b(D d) { }
    }

    @Test
    void abortAndTimeoutOfAWaitingStepCompensateItButAFailedReplyDoesNot() {
        SagaRow waiting = at(SagaStatus.WAITING, "c", 1);
        List<StepRecord> log = new ArrayList<>(done("a", "b"));
        log.add(new StepRecord("c", StepOutcome.WAITING, 1, now, null));
        assertEquals("c", transitions.aborted(def, waiting, log, "op", null, now).currentStep());
        assertEquals("c", transitions.timedOut(def, waiting, def.step("c"), now, () -> log).currentStep());
        assertEquals("a", transitions.replyFailed(def, waiting, def.step("c"), "declined", now, log).currentStep());
        assertEquals("a", transitions.aborted(def, at(SagaStatus.RUNNING, "c", 0), done("a", "b"), "op", null, now)
                .currentStep());
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What compensation undoes, read from the step log alone. */
class CompletedStepsTest {

    private final List<StepRecord> log = new ArrayList<>();

    private CompletedStepsTest add(String step, StepOutcome outcome) {
        log.add(new StepRecord(step, outcome, 1, Instant.EPOCH, null));
        return this;
    }

    @Test
    void completedSkippedAndWaitingStepsNewestFirstUntilCompensated() {
        add("a", StepOutcome.COMPLETED).add("b", StepOutcome.FAILED).add("b", StepOutcome.SKIPPED)
                .add("c", StepOutcome.WAITING).add("c", StepOutcome.TIMED_OUT);
        assertEquals(List.of("c", "b", "a"), CompletedSteps.toCompensate(log));
        add("c", StepOutcome.COMPENSATED).add("b", StepOutcome.COMPENSATION_FAILED);
        assertEquals(List.of("b", "a"), CompletedSteps.toCompensate(log));
    }

    @Test
    void aFailedReplyLeavesItsWaitingStepOutButALaterFailedRerunDoesNot() {
        add("a", StepOutcome.COMPLETED).add("b", StepOutcome.WAITING).add("b", StepOutcome.FAILED);
        assertEquals(List.of("a"), CompletedSteps.toCompensate(log));
        log.clear();
        add("a", StepOutcome.COMPLETED).add("b", StepOutcome.WAITING).add("b", StepOutcome.TIMED_OUT)
                .add("b", StepOutcome.RESUMED).add("b", StepOutcome.FAILED);
        assertEquals(List.of("b", "a"), CompletedSteps.toCompensate(log));
    }
}

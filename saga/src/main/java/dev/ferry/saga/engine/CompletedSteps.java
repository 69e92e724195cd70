package dev.ferry.saga.engine;

import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads from a saga's step log which steps are done and not yet compensated: what a compensation
 * must undo, whatever today's definition looks like. A step is done once it COMPLETED, committed
 * and WAITED for a reply, or an operator SKIPPED it; it stops being done when it is COMPENSATED, or
 * when the reply it waited for FAILED (the other side reports its work as not done). Pure.
 */
final class CompletedSteps {

    private CompletedSteps() {
    }

    /**
     * @param log a saga's step log, oldest first
     * @return the names of the steps to compensate, newest first
     */
    static List<String> toCompensate(List<StepRecord> log) {
        LinkedHashSet<String> done = new LinkedHashSet<>();
        Map<String, StepOutcome> last = new HashMap<>();
        for (StepRecord r : log) {
            switch (r.outcome()) {
                case COMPLETED, WAITING, SKIPPED -> {
                    done.remove(r.step()); // done again after a resume: it moves to the newest place
                    done.add(r.step());
                }
                case COMPENSATED -> done.remove(r.step());
                case FAILED -> {
                    if (last.get(r.step()) == StepOutcome.WAITING) {
                        done.remove(r.step()); // failStep: the reply said the work was not done
                    }
                }
                default -> {
                    // attempts that rolled back and operator actions change nothing done
                }
            }
            last.put(r.step(), r.outcome());
        }
        List<String> newestFirst = new ArrayList<>(done);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}

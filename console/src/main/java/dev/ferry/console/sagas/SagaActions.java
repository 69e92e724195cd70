package dev.ferry.console.sagas;

import dev.ferry.saga.SagaStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Which operator actions a saga's state allows (as {@code SagaCoordinator}'s table in README says), by
 * the names of the console's action endpoints. The UI offers these only; the coordinator checks again.
 */
public final class SagaActions {

    /** Runs the suspended step again. */
    public static final String RESUME = "resume";
    /** Compensates a suspended saga. */
    public static final String COMPENSATE = "compensate";
    /** Marks the current step done, with data. */
    public static final String SKIP = "skip";
    /** Ends the saga without compensation. */
    public static final String CANCEL = "cancel";
    /** Stops a running or waiting saga and compensates. */
    public static final String ABORT = "abort";
    /** Retries a parked compensation. */
    public static final String RETRY_COMPENSATION = "retry-compensation";

    private SagaActions() {
    }

    /**
     * @param status the saga's status
     * @param attempts the attempts made at its current step
     * @return the actions allowed, in the order the UI shows them
     */
    public static List<String> allowed(SagaStatus status, int attempts) {
        List<String> actions = new ArrayList<>();
        switch (status) {
            case SUSPENDED -> actions.addAll(List.of(RESUME, COMPENSATE, SKIP, CANCEL));
            case WAITING -> actions.addAll(List.of(SKIP, ABORT, CANCEL));
            case RUNNING -> {
                if (attempts > 0) {
                    actions.add(SKIP);
                }
                actions.addAll(List.of(ABORT, CANCEL));
            }
            case PARKED -> actions.addAll(List.of(RETRY_COMPENSATION, CANCEL));
            case COMPENSATING -> actions.add(CANCEL);
            default -> {
                // final: nothing to do
            }
        }
        return actions;
    }
}

package dev.ferry.saga.store;

import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepRecord;
import java.time.Instant;
import java.util.List;

/**
 * A change of a saga instance with the history entries it records; written in one transaction.
 *
 * @param status the new status
 * @param currentStep the new current step, or null when final
 * @param attempts attempts made at the current step or compensation
 * @param data the saga data as JSON
 * @param deadlineAt when the current step times out, or null
 * @param nextRunAt when a worker should next act, or null when nothing is due
 * @param lastError the last error, or null
 * @param holdLease whether the writing worker keeps its lease (it goes on with the saga at once)
 * @param history entries to append to the step log
 */
public record SagaUpdate(SagaStatus status, String currentStep, int attempts, String data, Instant deadlineAt,
                         Instant nextRunAt, String lastError, boolean holdLease, List<StepRecord> history) {

    /**
     * Copies the history.
     *
     * @param status the new status
     * @param currentStep the new current step, or null when final
     * @param attempts attempts made at the current step or compensation
     * @param data the saga data as JSON
     * @param deadlineAt when the current step times out, or null
     * @param nextRunAt when a worker should next act, or null when nothing is due
     * @param lastError the last error, or null
     * @param holdLease whether the writing worker keeps its lease
     * @param history entries to append to the step log
     */
    public SagaUpdate {
        history = List.copyOf(history);
    }
}

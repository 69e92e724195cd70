package dev.ferry.saga.store;

import dev.ferry.saga.SagaStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga instance as stored. {@code version} grows with every change: writers name the version they
 * read, so a change based on stale state (a worker whose lease another took over, a step racing an
 * abort) updates nothing.
 *
 * @param seq the numeric key (claim order, lease key)
 * @param id the saga id
 * @param name the saga name
 * @param definitionVersion the version of the saga's definition the instance runs on
 * @param status its status
 * @param currentStep the step it is at, or null when final
 * @param attempts attempts made at the current step or compensation
 * @param data the saga data as JSON
 * @param version the row version
 * @param deadlineAt when the current step times out, or null
 * @param nextRunAt when a worker should next act, or null when nothing is due
 * @param lastError the last error, or null
 * @param createdAt when started
 * @param updatedAt when last changed
 */
public record SagaRow(long seq, UUID id, String name, int definitionVersion, SagaStatus status, String currentStep,
                      int attempts, String data, long version, Instant deadlineAt, Instant nextRunAt, String lastError,
                      Instant createdAt, Instant updatedAt) {

    /**
     * @param update a change written on this row
     * @param now when it was written
     * @return the row as it is after the change
     */
    public SagaRow after(SagaUpdate update, Instant now) {
        return new SagaRow(seq, id, name, definitionVersion, update.status(), update.currentStep(), update.attempts(),
                update.data(),
                version + 1, update.deadlineAt(), update.nextRunAt(), update.lastError(), createdAt, now);
    }
}

package dev.ferry.saga;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A snapshot of a saga instance.
 *
 * @param id the instance's id
 * @param name the saga's name
 * @param version the version of the saga's definition the instance runs on ({@link Saga#version()})
 * @param status its status
 * @param currentStep the step it is at (running, waiting, or being compensated); null when final
 * @param attempts attempts made so far at the current step or compensation
 * @param data the saga data, as the registered saga's data type (as JSON text when the saga is not
 *     registered with this coordinator)
 * @param lastError the most recent error, or null
 * @param createdAt when the saga was started
 * @param updatedAt when it last changed
 * @param history every step outcome and operator action, oldest first
 */
public record SagaView(UUID id, String name, int version, SagaStatus status, String currentStep, int attempts,
                       Object data, String lastError, Instant createdAt, Instant updatedAt, List<StepRecord> history) {

    /**
     * Copies the history.
     *
     * @param id the instance's id
     * @param name the saga's name
     * @param version the version of the saga's definition the instance runs on
     * @param status its status
     * @param currentStep the step it is at; null when final
     * @param attempts attempts made so far at the current step or compensation
     * @param data the saga data
     * @param lastError the most recent error, or null
     * @param createdAt when the saga was started
     * @param updatedAt when it last changed
     * @param history every step outcome and operator action, oldest first
     */
    public SagaView {
        history = List.copyOf(history);
    }

    /**
     * @param type the saga's data type
     * @param <T> that type
     * @return the data as that type
     * @throws ClassCastException if it is not one
     */
    public <T> T data(Class<T> type) {
        return type.cast(data);
    }

    /** @return the operator actions in the history (its audit entries), oldest first */
    public List<StepRecord> audit() {
        return history.stream().filter(StepRecord::isOperatorAction).toList();
    }
}

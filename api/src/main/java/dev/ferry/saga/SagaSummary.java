package dev.ferry.saga;

import java.time.Instant;
import java.util.UUID;

/**
 * A saga instance without its data or history, as {@link SagaCoordinator#query(SagaQuery)} lists it;
 * {@link SagaCoordinator#find(UUID)} gives the whole {@link SagaView}.
 *
 * @param id the saga id
 * @param name the saga name
 * @param version the definition version the instance runs on
 * @param status its status
 * @param currentStep the step it is at, or null when it is final
 * @param attempts attempts made at the current step or compensation
 * @param idempotencyKey the key it was started with, or null
 * @param lastError the last error, or null
 * @param createdAt when it started
 * @param updatedAt when it last changed (its last progress)
 */
public record SagaSummary(UUID id, String name, int version, SagaStatus status, String currentStep, int attempts,
                          String idempotencyKey, String lastError, Instant createdAt, Instant updatedAt) {
}

/**
 * Defining sagas with {@link Saga} and {@link SagaStep}, and starting, following and steering them
 * through {@link SagaCoordinator}.
 *
 * <p><b>API</b>: application code uses every type here; compatibility is kept.
 */
package dev.ferry.saga;

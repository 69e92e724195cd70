/**
 * Running sagas: {@link SagaEngine} claims due sagas, runs their steps and compensations.
 *
 * <p><b>API</b>: {@link SagaEngine} and its builder; the rest of the package is package-private.
 */
package dev.ferry.saga.engine;

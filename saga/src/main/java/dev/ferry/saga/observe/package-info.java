/**
 * Sagas seen from outside: the spans of step attempts and compensations (in the trace the saga was
 * started in), the saga metrics, the instance figures and the engine's health checks.
 * {@code SagaEngine} calls into {@link dev.ferry.saga.observe.SagaObserver}; application code reads
 * {@code SagaEngine.health()} and the metrics, not these classes.
 */
package dev.ferry.saga.observe;

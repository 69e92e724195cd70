/**
 * What every Ferry engine builder takes: data sources, transactions, dialect, JSON, threads, clock.
 *
 * <p><b>API</b>: application code calls the setters of {@link EngineBuilder} through
 * {@code OutboxEngine.builder()}, {@code InboxEngine.builder()} and {@code SagaEngine.builder()};
 * its getters serve Ferry's engines and are internal.
 */
package dev.ferry.runtime.engine;

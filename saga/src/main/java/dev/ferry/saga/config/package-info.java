/**
 * The saga engine's settings, validated when built.
 *
 * <p><b>API</b>: {@link SagaSettings}. {@link ConfiguredSagaSettings} (reading {@code ferry.saga.*}
 * keys) is internal.
 */
package dev.ferry.saga.config;

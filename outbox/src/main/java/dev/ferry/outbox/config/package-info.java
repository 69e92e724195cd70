/**
 * The outbox's settings, validated when built.
 *
 * <p><b>API</b>: {@link OutboxSettings} and {@link DeadMessagePolicy}.
 * {@link ConfiguredOutboxSettings} (reading {@code ferry.outbox.*} keys) is internal.
 */
package dev.ferry.outbox.config;

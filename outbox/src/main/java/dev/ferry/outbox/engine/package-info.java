/**
 * Building and running the outbox: {@link OutboxEngine} hands out interfaces: the
 * {@code Outbox}, the {@code OutboxAdmin} and the {@code OutboxRelay} it runs.
 *
 * <p><b>API</b>: application code uses {@link OutboxEngine} and its builder; compatibility is kept.
 */
package dev.ferry.outbox.engine;

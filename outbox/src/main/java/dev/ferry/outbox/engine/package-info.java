/**
 * Building and running the outbox: {@link OutboxEngine} hands out the {@code Outbox}, the
 * {@code OutboxAdmin} and runs the relay.
 *
 * <p><b>API</b>: application code uses {@link OutboxEngine} and its builder; compatibility is kept.
 */
package dev.ferry.outbox.engine;

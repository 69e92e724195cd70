/**
 * Writing messages in the caller's transaction and handling dead ones: {@link Outbox},
 * {@link OutboxMessage} and {@link OutboxAdmin}.
 *
 * <p><b>API</b>: application code uses every type here; compatibility is kept.
 */
package dev.ferry.outbox;

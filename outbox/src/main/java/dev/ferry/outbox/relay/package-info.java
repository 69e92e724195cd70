/**
 * The relay: claims committed messages, hands them to the publisher and records the outcome.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Application code runs it through {@code OutboxEngine}.
 */
package dev.ferry.outbox.relay;

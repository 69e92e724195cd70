/**
 * Cross-node wake-ups: a JVM that commits work tells the relays and workers of other JVMs, so that
 * they start at once instead of at their next poll. On PostgreSQL through {@code LISTEN/NOTIFY};
 * elsewhere nothing, and the poll finds the work.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.runtime.wake;

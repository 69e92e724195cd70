/**
 * Deleting expired rows a small batch per local transaction, for outbox and inbox retention.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.runtime.purge;

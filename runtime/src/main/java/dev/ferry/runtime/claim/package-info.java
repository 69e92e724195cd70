/**
 * Claiming work rows for a worker: locking them without waiting ({@code SKIP LOCKED}) and writing
 * a lease, as the outbox relay and the saga workers do.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.runtime.claim;

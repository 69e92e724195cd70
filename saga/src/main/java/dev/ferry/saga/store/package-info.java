/**
 * The SQL of the saga tables: instances, the step log and engine identities.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.saga.store;

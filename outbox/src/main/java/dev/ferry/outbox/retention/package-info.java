/**
 * Deleting delivered messages once their retention has passed.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.outbox.retention;

/**
 * The polling loop the outbox relay and the saga workers run on: work, wake, poll, back off.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 */
package dev.ferry.runtime.loop;

/**
 * When to try again after a failure: {@link Backoff}, the one doubling pause behind a message's next
 * attempt, a saga step's retry, the relay's probes of an unavailable broker and a failing loop's
 * pause.
 *
 * <p><b>API</b>: {@link Backoff}, which {@code OutboxSettings.backoff()} returns; compatibility is kept.
 */
package dev.ferry.runtime.retry;

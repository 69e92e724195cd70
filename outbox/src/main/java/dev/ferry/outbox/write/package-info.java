/**
 * The write path: the {@code Outbox} that inserts messages in the caller's JTA transaction.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Use {@code OutboxEngine.outbox()} or {@code @Inject Outbox}.
 */
package dev.ferry.outbox.write;

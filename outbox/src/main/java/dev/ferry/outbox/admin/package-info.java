/**
 * The JDBC implementation of {@code OutboxAdmin}: listing, replaying and discarding dead messages.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * Use {@code OutboxEngine.admin()} or {@code @Inject OutboxAdmin}.
 */
package dev.ferry.outbox.admin;

/**
 * Receiving a message once: {@link Inbox} records its id in the caller's transaction and runs the
 * {@link InboxHandler} only the first time.
 *
 * <p><b>API</b>: application code uses every type here; compatibility is kept.
 */
package dev.ferry.inbox;

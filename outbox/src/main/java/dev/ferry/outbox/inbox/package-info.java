/**
 * Running the inbox: {@link InboxEngine} hands out the {@code Inbox} and purges expired ids.
 *
 * <p><b>API</b>: {@link InboxEngine} and {@link InboxSettings}. {@link InboxPurger} and
 * {@link ConfiguredInboxSettings} are internal; the {@code Inbox} implementation is package-private.
 */
package dev.ferry.outbox.inbox;

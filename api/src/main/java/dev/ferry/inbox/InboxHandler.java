package dev.ferry.inbox;

/**
 * The effect of a received message, run by {@link Inbox#receive} at most once per message id.
 *
 * @param <E> the checked exception the handler may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface InboxHandler<E extends Exception> {

    /**
     * Applies the message's effect in the caller's JTA transaction.
     *
     * @throws E to fail the message: the transaction is marked for rollback, so neither the effect
     *     nor the inbox record commits, and a redelivery runs the handler again
     */
    void handle() throws E;
}

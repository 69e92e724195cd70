package dev.ferry.runtime.tx;

import java.util.concurrent.Callable;

/**
 * How the transactions Ferry starts itself (saga steps, compensations, changes made without a
 * caller's transaction) are begun and ended. In Java SE Ferry calls the JTA
 * {@link jakarta.transaction.TransactionManager}; in a server it goes through a container-managed
 * transactional bean, so the server associates the transaction with the thread's component
 * invocation and enlists every connection taken in it.
 */
@FunctionalInterface
public interface TransactionStarter {

    /**
     * Runs work in a new transaction; the calling thread has none when this is called. The
     * transaction commits when the work returns and rolls back when it throws or marks it
     * rollback-only.
     *
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception the work's exception after rollback, or the commit's failure (for example
     *     {@link jakarta.transaction.RollbackException})
     */
    <T> T call(Callable<T> work) throws Exception;
}

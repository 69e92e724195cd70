package dev.ferry.runtime.tx;

import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.concurrent.Callable;

/**
 * Begins and ends transactions through the JTA {@link TransactionManager} (Narayana in Java SE).
 * Inside Payara Server or GlassFish a transaction begun this way on a managed thread is not seen by
 * the connection pool unless the pool enlists lazily; Ferry uses the container's bean there.
 */
final class ManagerTransactionStarter implements TransactionStarter {

    private final TransactionManager transactionManager;

    ManagerTransactionStarter(TransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public <T> T call(Callable<T> work) throws Exception {
        try {
            transactionManager.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("Cannot begin a JTA transaction: " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            rollbackAfter(t);
            throw t;
        }
        if (transactionManager.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            transactionManager.rollback();
            throw new RollbackException("The transaction was marked rollback-only");
        }
        transactionManager.commit();
        return result;
    }

    /** Rolls back after a failure; a failed rollback is added to the cause, never hides it. */
    private void rollbackAfter(Throwable cause) {
        try {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.rollback();
            }
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "the JTA TransactionManager";
    }
}

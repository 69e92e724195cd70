package dev.ferry.runtime.tx;

import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Callable;

/**
 * Ferry's access to JTA: whether a transaction is active, synchronizations, and running work in a
 * new transaction (suspending the caller's). Works with any JTA transaction manager: Narayana in
 * Java SE, the container's in WildFly or Payara.
 */
public final class Transactions {

    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry registry;

    /**
     * @param transactionManager the JTA transaction manager
     * @param registry the synchronization registry of the same manager
     */
    public Transactions(TransactionManager transactionManager, TransactionSynchronizationRegistry registry) {
        this.transactionManager = transactionManager;
        this.registry = registry;
    }

    /** @return the transaction manager */
    public TransactionManager transactionManager() {
        return transactionManager;
    }

    /** @return the synchronization registry */
    public TransactionSynchronizationRegistry registry() {
        return registry;
    }

    /** @return whether the calling thread has an active transaction (not marked rollback-only) */
    public boolean isActive() {
        return registry.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /** @return whether the calling thread has a transaction in any state that allows work */
    public boolean inTransaction() {
        int status = registry.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    /**
     * Registers a synchronization once per transaction under a key; later calls with the same key in
     * the same transaction get the first one back.
     *
     * @param key identifies the synchronization within the transaction
     * @param factory makes it the first time
     * @param <S> its type
     * @return the synchronization registered for the key
     */
    @SuppressWarnings("unchecked")
    public <S extends Synchronization> S registerOnce(Object key, java.util.function.Supplier<S> factory) {
        S existing = (S) registry.getResource(key);
        if (existing != null) {
            return existing;
        }
        S created = factory.get();
        registry.registerInterposedSynchronization(created);
        registry.putResource(key, created);
        return created;
    }

    /**
     * Runs work in a new transaction, suspending the caller's (if any) and resuming it afterwards.
     * The new transaction commits when the work returns and rolls back when it throws.
     *
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception the work's exception, after rollback; or a commit failure
     */
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        Transaction suspended = transactionManager.getStatus() == Status.STATUS_NO_TRANSACTION
                ? null : transactionManager.suspend();
        try {
            return inTransaction(work);
        } finally {
            if (suspended != null) {
                transactionManager.resume(suspended);
            }
        }
    }

    /**
     * Runs work outside any transaction: the caller's (if any) is suspended and resumed afterwards.
     * For work that must not join it, such as creating tables (DDL) on first use.
     *
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception the work's exception
     */
    public <T> T outsideTransaction(Callable<T> work) throws Exception {
        Transaction suspended = transactionManager.getStatus() == Status.STATUS_NO_TRANSACTION
                ? null : transactionManager.suspend();
        try {
            return work.call();
        } finally {
            if (suspended != null) {
                transactionManager.resume(suspended);
            }
        }
    }

    /**
     * Runs work in the caller's transaction if there is one, else in a new one.
     *
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception the work's exception
     */
    public <T> T inCurrentOrNewTransaction(Callable<T> work) throws Exception {
        if (transactionManager.getStatus() == Status.STATUS_NO_TRANSACTION) {
            return inTransaction(work);
        }
        return work.call();
    }

    private <T> T inTransaction(Callable<T> work) throws Exception {
        try {
            transactionManager.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("Cannot begin a JTA transaction: " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            rollbackQuietly(t);
            throw t;
        }
        if (transactionManager.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
            transactionManager.rollback();
            throw new RollbackException("The transaction was marked rollback-only");
        }
        transactionManager.commit();
        return result;
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.rollback();
            }
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}

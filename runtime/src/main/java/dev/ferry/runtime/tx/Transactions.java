package dev.ferry.runtime.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Ferry's access to JTA: whether a transaction is active, synchronizations, and running work in a
 * new transaction (suspending the caller's). Works with any JTA transaction manager: Narayana in
 * Java SE, the container's in WildFly or Payara. New transactions are begun by a
 * {@link TransactionStarter}: the transaction manager itself in Java SE, the container's
 * transactional bean in a server.
 */
public final class Transactions {

    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry registry;
    private final TransactionStarter starter;

    /**
     * Transactions begun and ended through the transaction manager (Java SE).
     *
     * @param transactionManager the JTA transaction manager
     * @param registry the synchronization registry of the same manager
     */
    public Transactions(TransactionManager transactionManager, TransactionSynchronizationRegistry registry) {
        this(transactionManager, registry, null);
    }

    /**
     * @param transactionManager the JTA transaction manager
     * @param registry the synchronization registry of the same manager
     * @param starter begins and ends Ferry's own transactions; null for the transaction manager
     */
    public Transactions(TransactionManager transactionManager, TransactionSynchronizationRegistry registry,
                        TransactionStarter starter) {
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.starter = starter != null ? starter : new ManagerTransactionStarter(transactionManager);
    }

    /** @return what begins Ferry's own transactions */
    public TransactionStarter starter() {
        return starter;
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
     * @return whether the calling thread is associated with a transaction, in any state
     * @throws IllegalStateException if the transaction manager cannot tell
     */
    public boolean hasTransaction() {
        try {
            return transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException("Cannot read the JTA transaction status: " + e.getMessage(), e);
        }
    }

    /**
     * Runs an action after the calling thread's transaction commits (nothing on rollback), once per
     * transaction and key however often it is asked for.
     *
     * @param key identifies the action within the transaction
     * @param action what to run after the commit, for example waking a relay or workers
     */
    public void runAfterCommit(Object key, Runnable action) {
        registerOnce(key, () -> new AfterCommit(action));
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
        Transaction suspended = hasTransaction() ? transactionManager.suspend() : null;
        try {
            return starter.call(work);
        } finally {
            if (suspended != null) {
                transactionManager.resume(suspended);
            }
        }
    }

    /**
     * Runs work in a new transaction that the transaction manager rolls back when it runs longer
     * than the timeout. Afterwards the thread is left with no transaction and the default timeout,
     * also when the manager ended the transaction on its own.
     *
     * @param timeout the longest the transaction may run (rounded up to whole seconds); null for the
     *     manager's default
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception the work's exception, after rollback; or a commit failure
     */
    public <T> T inNewTransaction(Duration timeout, Callable<T> work) throws Exception {
        if (timeout != null) {
            long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
            transactionManager.setTransactionTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        }
        try {
            return inNewTransaction(work);
        } finally {
            if (timeout != null) {
                transactionManager.setTransactionTimeout(0);
            }
            forgetEndedTransaction();
        }
    }

    /** A transaction the reaper rolled back (timeout) can stay associated with the thread; drop it. */
    private void forgetEndedTransaction() {
        try {
            if (hasTransaction()) {
                transactionManager.suspend();
            }
        } catch (SystemException | IllegalStateException e) {
            System.getLogger(Transactions.class.getName()).log(System.Logger.Level.WARNING,
                    "Cannot clear the thread's ended transaction: " + e);
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
        Transaction suspended = hasTransaction() ? transactionManager.suspend() : null;
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
        if (!hasTransaction()) {
            return starter.call(work);
        }
        return work.call();
    }
}

package dev.ferry.runtime.se;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A driver's {@link XAResource} whose failures all carry an XA error code that the XA specification
 * allows for the operation: one that does not (MariaDB Connector/J gives code 0 to every SQL error
 * without an XA counterpart, a lost connection included), and a runtime exception, are reported as
 * {@code XAER_RMFAIL}, "the resource manager is unavailable", caused by the driver's exception.
 *
 * <p>Narayana (7.3, {@code XAResourceRecord.topLevelOnePhaseCommit}) reads a one-phase commit's
 * unknown codes and runtime exceptions as "committed, recovery will retry": {@code commit()} returns
 * normally. One-phase commit is the commit of every transaction that touches one database only. But
 * a branch that was never prepared leaves recovery nothing to retry, and MariaDB rolls it back when
 * its session ends: a transaction whose connection was cut during its
 * {@code XA COMMIT ... ONE PHASE} was acknowledged and lost. With {@code XAER_RMFAIL} that commit
 * throws {@code HeuristicMixedException} (the outcome is not known: the server may have committed
 * before the cut); a second phase's commit is left to recovery, and a failed prepare rolls back.
 */
final class XaErrorCodeResource implements XAResource {

    private final XAResource driver;

    private XaErrorCodeResource(XAResource driver) {
        this.driver = driver;
    }

    /**
     * @param driver the driver's resource, or null (a pool of plain connections)
     * @return it wrapped, or null
     */
    static XAResource wrap(XAResource driver) {
        return driver == null || driver instanceof XaErrorCodeResource ? driver : new XaErrorCodeResource(driver);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        call("start", false, () -> {
            driver.start(xid, flags);
            return null;
        });
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        call("end", false, () -> {
            driver.end(xid, flags);
            return null;
        });
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return call("prepare", false, () -> driver.prepare(xid));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(onePhase ? "one-phase commit" : "commit", true, () -> {
            driver.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call("rollback", false, () -> {
            driver.rollback(xid);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call("forget", false, () -> {
            driver.forget(xid);
            return null;
        });
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return call("recover", false, () -> driver.recover(flag));
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof XaErrorCodeResource wrapped ? wrapped.driver : other;
        return call("isSameRM", false, () -> driver.isSameRM(unwrapped));
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return call("getTransactionTimeout", false, driver::getTransactionTimeout);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return call("setTransactionTimeout", false, () -> driver.setTransactionTimeout(seconds));
    }

    /** One call of the driver's resource. */
    private interface DriverCall<T> {
        T run() throws XAException;
    }

    /** Runs {@code call}, reporting its failure with a code the specification allows ({@link #defined}). */
    private static <T> T call(String operation, boolean commit, DriverCall<T> call) throws XAException {
        try {
            return call.run();
        } catch (XAException | RuntimeException e) {
            throw defined(e, operation, commit);
        }
    }

    @Override
    public String toString() {
        return driver.toString();
    }

    /**
     * @param failure what the driver threw
     * @param operation the failed operation, for the message
     * @param commit whether it is a commit
     * @return {@code failure} itself if it is an {@link XAException} with a code the XA
     *     specification allows for the operation, otherwise an {@code XAER_RMFAIL} caused by it
     */
    static XAException defined(Exception failure, String operation, boolean commit) {
        if (failure instanceof XAException xa && allowed(xa.errorCode, commit)) {
            return xa;
        }
        String code = failure instanceof XAException xa
                ? "XA error code " + xa.errorCode : failure.getClass().getName();
        XAException rmFail = new XAException("XA " + operation + " failed with " + code
                + ", which the XA specification does not allow there; reported as XAER_RMFAIL (outcome unknown): "
                + failure.getMessage());
        rmFail.errorCode = XAException.XAER_RMFAIL;
        rmFail.initCause(failure);
        return rmFail;
    }

    /**
     * @param errorCode an {@link XAException}'s error code
     * @param commit whether it is a commit's
     * @return for a commit, whether it is one of the codes the XA specification lists for
     *     {@code xa_commit} ({@code XA_RB*}, {@code XA_HEUR*}, {@code XA_RETRY}, {@code XAER_RMERR},
     *     {@code XAER_RMFAIL}, {@code XAER_NOTA}, {@code XAER_INVAL}, {@code XAER_PROTO}); otherwise
     *     whether the specification defines it at all
     */
    static boolean allowed(int errorCode, boolean commit) {
        boolean rollback = errorCode >= XAException.XA_RBBASE && errorCode <= XAException.XA_RBEND;
        if (commit) {
            return rollback || (errorCode >= XAException.XA_RETRY && errorCode <= XAException.XA_HEURHAZ)
                    || (errorCode >= XAException.XAER_RMFAIL && errorCode <= XAException.XAER_RMERR);
        }
        return rollback || (errorCode >= XAException.XA_RDONLY && errorCode <= XAException.XA_NOMIGRATE)
                || (errorCode >= XAException.XAER_OUTSIDE && errorCode <= XAException.XAER_ASYNC);
    }
}

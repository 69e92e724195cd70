package dev.ferry.sample.it.matrix.twodb;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource that votes yes in phase one and, asked to commit in phase two, halts the JVM at once
 * ({@code Runtime.halt}: no shutdown hooks, as {@code kill -9}). Narayana has written its commit decision to its log
 * before phase two, so the server's recovery must commit the other branches after a restart.
 */
final class HaltingXaResource implements XAResource {

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        System.err.println("HaltingXaResource: halting the JVM in phase two of " + xid);
        Runtime.getRuntime().halt(1);
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}

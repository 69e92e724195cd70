package dev.ferry.runtime.se;

import jakarta.transaction.TransactionManager;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The JVM {@link InDoubtRecoveryTest} crashes and the one that recovers after it. {@code crash}
 * writes a row to each of two MariaDB databases in one two-phase transaction and halts the JVM
 * while committing, after every branch is prepared and Narayana has logged its decision;
 * {@code recover} starts two environments with recovery on the same object store and node
 * identifier and runs a recovery pass; {@code unreachable} builds an environment with recovery
 * whose database cannot be reached, and returns (the JVM must then end).
 *
 * <p>Arguments: mode, URL of database A, URL of database B, user, password, object store
 * directory, node identifier, row id.
 */
public final class InDoubtChild {

    private InDoubtChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("unreachable")) {
            try {
                environment("jdbc:mariadb://127.0.0.1:1/nothing?connectTimeout=2000", args, true);
                System.out.println("BUILT");
            } catch (IllegalStateException e) {
                System.out.println("REFUSED " + e.getMessage());
            }
            return;
        }
        boolean recover = args[0].equals("recover");
        try (JavaSeEnvironment a = environment(args[1], args, recover);
             JavaSeEnvironment b = environment(args[2], args, recover)) {
            if (recover) {
                a.recover();
                System.out.println("RECOVERED");
                return;
            }
            TransactionManager tm = a.transactionManager();
            tm.begin();
            tm.getTransaction().enlistResource(new HaltOnCommit());
            insert(a.dataSource(), args[7]);
            insert(b.dataSource(), args[7]);
            System.out.println("COMMITTING");
            tm.commit();
            System.out.println("COMMITTED WITHOUT A CRASH");
            System.exit(3);
        }
    }

    private static JavaSeEnvironment environment(String url, String[] args, boolean recovery) {
        return JavaSeEnvironment.builder().jdbcUrl(url).user(args[3]).password(args[4])
                .objectStoreDirectory(Path.of(args[5])).nodeIdentifier(args[6]).recovery(recovery).build();
    }

    private static void insert(DataSource ds, String id) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /**
     * A resource enlisted first, so that Narayana commits it first: halts the JVM there when
     * {@code ferry.test.halt} is set. Serializable, so that recovery reads it back from the log
     * and commits it (doing nothing) in the next JVM.
     */
    static final class HaltOnCommit implements XAResource, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void commit(Xid xid, boolean onePhase) {
            if (Boolean.getBoolean("ferry.test.halt")) {
                System.out.println("HALTING");
                System.out.flush();
                Runtime.getRuntime().halt(77);
            }
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
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
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return false;
        }
    }
}

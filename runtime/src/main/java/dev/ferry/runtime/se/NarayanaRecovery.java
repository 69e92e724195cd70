package dev.ferry.runtime.se;

import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;
import org.jboss.tm.XAResourceRecovery;
import org.jboss.tm.XAResourceRecoveryRegistry;

/**
 * Narayana's recovery manager in a Java SE JVM, one per JVM: it completes the two-phase transactions
 * a crash left prepared, from the transaction log in the object store and from the branches the
 * pools' databases report as prepared. Agroal registers each XA pool here, as it would with a
 * server's recovery service. The manager stops when the last environment using it closes, so its
 * thread does not keep the JVM alive.
 */
final class NarayanaRecovery implements XAResourceRecoveryRegistry {

    private static NarayanaRecovery instance;
    private static int users;

    private final XARecoveryModule xaModule;
    private final Map<XAResourceRecovery, XAResourceRecoveryHelper> helpers = new ConcurrentHashMap<>();

    private NarayanaRecovery(XARecoveryModule xaModule) {
        this.xaModule = xaModule;
    }

    /**
     * Starts the recovery manager on first use, with this node's identifier as the only node whose
     * unlogged prepared branches it rolls back.
     *
     * @param nodeIdentifier Narayana's node identifier, as configured
     * @return the JVM's recovery manager; {@link #release() release} it when done
     */
    static synchronized NarayanaRecovery start(String nodeIdentifier) {
        if (instance == null) {
            BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class).setXaRecoveryNodes(List.of(nodeIdentifier));
            RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
            // In process with the transaction manager, and nothing else uses the object store.
            recovery.setRecoveryListener(false);
            recovery.setRecoveryBackoffPeriod(1);
            RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
            XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
            if (module == null) {
                throw new IllegalStateException("Narayana's recovery manager started without its XARecoveryModule;"
                        + " check RecoveryEnvironmentBean.recoveryModuleClassNames");
            }
            instance = new NarayanaRecovery(module);
        }
        users++;
        return instance;
    }

    /** Stops the recovery manager when no environment uses it any more. */
    static synchronized void release() {
        if (--users == 0) {
            RecoveryManager.manager().terminate();
            instance = null;
        }
    }

    /** Runs a recovery pass now, on the calling thread (the manager also runs one every two minutes). */
    void scan() {
        RecoveryManager.manager().scan();
    }

    @Override
    public void addXAResourceRecovery(XAResourceRecovery recovery) {
        XAResourceRecoveryHelper helper = new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String properties) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                return recovery.getXAResources();
            }
        };
        helpers.put(recovery, helper);
        xaModule.addXAResourceRecoveryHelper(helper);
    }

    @Override
    public void removeXAResourceRecovery(XAResourceRecovery recovery) {
        XAResourceRecoveryHelper helper = helpers.remove(recovery);
        if (helper != null) {
            xaModule.removeXAResourceRecoveryHelper(helper);
        }
    }
}

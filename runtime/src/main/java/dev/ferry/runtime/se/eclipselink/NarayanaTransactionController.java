package dev.ferry.runtime.se.eclipselink;

import jakarta.transaction.TransactionManager;
import org.eclipse.persistence.transaction.JTATransactionController;

/** EclipseLink's JTA controller bound to Narayana's transaction manager in Java SE. */
public class NarayanaTransactionController extends JTATransactionController {

    /** Binds to Narayana's transaction manager. */
    public NarayanaTransactionController() {
        super();
    }

    @Override
    protected TransactionManager acquireTransactionManager() throws Exception {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }
}

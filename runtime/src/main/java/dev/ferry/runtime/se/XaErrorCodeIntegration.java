package dev.ferry.runtime.se;

import io.agroal.api.transaction.TransactionAware;
import io.agroal.api.transaction.TransactionIntegration;
import java.sql.SQLException;
import javax.transaction.xa.XAResource;

/**
 * Agroal's Narayana integration, with each connection's {@link XAResource} enlisted as an
 * {@link XaErrorCodeResource}, so that a failure the driver reports without a proper XA error code
 * (a connection lost during a one-phase commit) does not pass for a commit. Everything else is
 * Agroal's; a pool of plain connections (no {@code XAResource}) is left as it is.
 */
final class XaErrorCodeIntegration implements TransactionIntegration {

    private final TransactionIntegration narayana;

    /**
     * @param narayana Agroal's {@code NarayanaTransactionIntegration}
     */
    XaErrorCodeIntegration(TransactionIntegration narayana) {
        this.narayana = narayana;
    }

    @Override
    public TransactionAware getTransactionAware() throws SQLException {
        return narayana.getTransactionAware();
    }

    @Override
    public void associate(TransactionAware transactionAware, XAResource xaResource) throws SQLException {
        narayana.associate(transactionAware, XaErrorCodeResource.wrap(xaResource));
    }

    @Override
    public boolean disassociate(TransactionAware transactionAware) throws SQLException {
        return narayana.disassociate(transactionAware);
    }

    @Override
    public void addResourceRecoveryFactory(ResourceRecoveryFactory factory) {
        narayana.addResourceRecoveryFactory(factory);
    }

    @Override
    public void removeResourceRecoveryFactory(ResourceRecoveryFactory factory) {
        narayana.removeResourceRecoveryFactory(factory);
    }
}

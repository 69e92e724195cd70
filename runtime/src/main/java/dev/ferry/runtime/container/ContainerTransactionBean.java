package dev.ferry.runtime.container;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.RollbackException;
import java.util.concurrent.Callable;

/**
 * The container-managed transaction every transaction Ferry starts in a server runs in: a stateless
 * session bean whose one method requires a new transaction. The server begins and ends it as for any
 * application bean, so it belongs to the thread's component invocation and every connection taken in
 * it, Ferry's and the application's (JPA), is enlisted, whatever the pool's enlistment settings. A
 * transaction begun directly on the JTA {@code TransactionManager} on a managed thread does not get
 * that on Payara Server and GlassFish with their default pools.
 *
 * <p>Internal: found by its portable JNDI name ({@code java:module/ContainerTransactionBean}) when
 * Ferry's jars are in {@code WEB-INF/lib}; application code does not call it.
 */
@Stateless
@LocalBean
@TransactionManagement(TransactionManagementType.CONTAINER)
public class ContainerTransactionBean {

    @Resource
    SessionContext context;

    /**
     * Runs work in a new container transaction. A failure does not leave the bean as a system
     * exception (which servers log and wrap): it marks the transaction rollback-only and comes back
     * in the outcome.
     *
     * @param work the work
     * @return the work's result, or what it threw; or a {@link RollbackException} when the work
     *     marked the transaction rollback-only without throwing
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome run(Callable<?> work) {
        Object value;
        try {
            value = work.call();
        } catch (Exception e) {
            context.setRollbackOnly();
            return new Outcome(null, e);
        }
        if (context.getRollbackOnly()) {
            return new Outcome(null, new RollbackException("The transaction was marked rollback-only"));
        }
        return new Outcome(value, null);
    }

    /**
     * What the work returned or threw.
     *
     * @param value the result
     * @param failure the exception, or null when the work returned
     */
    public record Outcome(Object value, Exception failure) {
    }
}

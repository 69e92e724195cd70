package dev.ferry.runtime.container;

import dev.ferry.runtime.tx.TransactionStarter;
import jakarta.ejb.EJBException;
import java.util.concurrent.Callable;

/**
 * Starts Ferry's transactions through {@link ContainerTransactionBean}. A commit that fails reaches
 * the caller as the container's {@link EJBException}, unwrapped to the transaction manager's own
 * exception (for example {@code RollbackException}) where it carries one.
 */
final class BeanTransactionStarter implements TransactionStarter {

    private final ContainerTransactionBean bean;

    BeanTransactionStarter(ContainerTransactionBean bean) {
        this.bean = bean;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<T> work) throws Exception {
        ContainerTransactionBean.Outcome outcome;
        try {
            outcome = bean.run(work);
        } catch (EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e.getCausedByException();
            throw cause instanceof Exception c ? c : e;
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return (T) outcome.value();
    }

    @Override
    public String toString() {
        return "the container-managed " + ContainerTransactionBean.class.getSimpleName();
    }
}

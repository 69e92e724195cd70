package dev.ferry.sample;

import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * An operator's actions on the sample's sagas, each in the bean's container-managed transaction:
 * Ferry's action joins it, so the change and its audit entry commit or roll back with it.
 */
@Stateless
public class SagaOperations {

    @Inject
    SagaCoordinator sagas;

    /**
     * Cancels a saga (no compensation). A reason starting with {@code "rollback:"} then rejects the
     * request, which rolls the transaction back: the saga stays as it was.
     *
     * @param id the saga
     * @param reason why, recorded in the saga's audit entry
     * @return the saga's new status
     * @throws OrderRejectedException for a reason starting with {@code "rollback:"}, after cancelling
     */
    public SagaStatus cancel(UUID id, String reason) {
        SagaStatus status = sagas.cancel(id, reason);
        if (reason.startsWith("rollback:")) {
            throw new OrderRejectedException("rolled back on request: " + reason);
        }
        return status;
    }
}

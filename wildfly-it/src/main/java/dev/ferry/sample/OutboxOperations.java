package dev.ferry.sample;

import dev.ferry.outbox.OutboxAdmin;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * An operator's actions on the sample's dead messages, each in the bean's container-managed
 * transaction: Ferry's {@link OutboxAdmin} joins it, so a replay commits or rolls back with it.
 */
@Stateless
public class OutboxOperations {

    @Inject
    OutboxAdmin admin;

    /**
     * Replays every dead message. A reason starting with {@code "rollback:"} then rejects the
     * request, which rolls the transaction back: the messages stay dead.
     *
     * @param reason why
     * @return how many dead messages were made pending again
     * @throws OrderRejectedException for a reason starting with {@code "rollback:"}, after replaying
     */
    public int replayAll(String reason) {
        int replayed = admin.replayAll();
        if (reason.startsWith("rollback:")) {
            throw new OrderRejectedException("rolled back on request: " + reason);
        }
        return replayed;
    }

    /**
     * @return the number of dead messages, read in the bean's transaction
     */
    public int deadCount() {
        return admin.deadMessages(1000, null).items().size();
    }
}

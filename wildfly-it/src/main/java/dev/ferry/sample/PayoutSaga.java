package dev.ferry.sample;

import dev.ferry.saga.FailurePolicy;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Transfer → notify. A transfer that fails (the {@link PaymentProvider} is down) does not compensate:
 * the saga is SUSPENDED at the step for an operator, who resumes it once the provider is back (or
 * skips, compensates or cancels it), for example in the console.
 */
@Saga(name = "payout")
public class PayoutSaga {

    @Inject
    PaymentProvider provider;

    /**
     * Step 1: transfers the money.
     *
     * @param data the payout
     * @return the data with the transfer's id
     * @throws IllegalStateException while the provider is down
     */
    @SagaStep(order = 1, onFailure = FailurePolicy.PARK, maxAttempts = 1)
    public PayoutData transfer(PayoutData data) {
        if (!provider.isUp()) {
            throw new IllegalStateException("payment provider unavailable for " + data.payee());
        }
        return data.withTransferId("tr-" + UUID.randomUUID());
    }

    /**
     * Step 2: tells the payee.
     *
     * @param data the payout
     */
    @SagaStep(order = 2)
    public void notifyPayee(PayoutData data) {
        // the sample sends nothing: the step completes
    }
}

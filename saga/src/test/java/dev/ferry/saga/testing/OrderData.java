package dev.ferry.saga.testing;

import dev.ferry.saga.NonRetryableStepException;
import dev.ferry.saga.SagaContext;

/**
 * The test order saga's data, with failures to inject.
 *
 * @param orderId the order
 * @param failAt the step that fails, or null
 * @param failures how many attempts of it fail (a large number: all)
 * @param nonRetryable whether it fails with a non-retryable exception
 * @param refundFailures how many attempts of the refund fail
 * @param paymentId set by the charge step
 */
public record OrderData(String orderId, String failAt, int failures, boolean nonRetryable, int refundFailures,
                        String paymentId) {

    /** @return an order whose steps all succeed */
    public static OrderData ok(String orderId) {
        return new OrderData(orderId, null, 0, false, 0, null);
    }

    /** @return an order whose step fails that many times */
    public static OrderData failing(String orderId, String step, int failures) {
        return new OrderData(orderId, step, failures, false, 0, null);
    }

    /** @return this order with the refund failing that many times */
    public OrderData withRefundFailures(int n) {
        return new OrderData(orderId, failAt, failures, nonRetryable, n, paymentId);
    }

    /** @return this order with a non-retryable failure at its failing step */
    public OrderData withNonRetryableFailure() {
        return new OrderData(orderId, failAt, failures, true, refundFailures, paymentId);
    }

    /** @return this order with a payment */
    public OrderData withPaymentId(String id) {
        return new OrderData(orderId, failAt, failures, nonRetryable, refundFailures, id);
    }

    void maybeFail(SagaContext ctx) {
        if (ctx.stepName().equals(failAt) && ctx.attempt() <= failures) {
            if (nonRetryable) {
                throw new NonRetryableStepException("step " + failAt + " cannot succeed");
            }
            throw new IllegalStateException("step " + failAt + " failed at attempt " + ctx.attempt());
        }
    }
}

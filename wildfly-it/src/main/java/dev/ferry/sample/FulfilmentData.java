package dev.ferry.sample;

/**
 * The order-fulfilment saga's data.
 *
 * @param orderId the order
 * @param totalCents the amount to charge
 * @param failPayment the payment step fails for good (step 1 is compensated)
 * @param failShipping the shipping step fails for good (steps 2 and 1 are compensated, in that order)
 * @param awaitCarrier the shipping step sends a command to the carrier and waits for its reply
 * @param paymentId set by the payment step
 */
public record FulfilmentData(String orderId, long totalCents, boolean failPayment, boolean failShipping,
                             boolean awaitCarrier, String paymentId) {

    FulfilmentData withPaymentId(String id) {
        return new FulfilmentData(orderId, totalCents, failPayment, failShipping, awaitCarrier, id);
    }
}

package dev.ferry.sample;

/**
 * What {@code POST /orders} takes.
 *
 * @param customer who orders; "blocked" is refused after the order and its message were written,
 *     so both roll back
 * @param totalCents the amount
 * @param failPayment make the saga's payment step fail for good: stock is released
 * @param failShipping make the shipping step fail for good: refund, then stock released
 * @param awaitCarrier the shipping step waits for the carrier's reply ({@code POST /sagas/{id}/shipped})
 */
public record OrderRequest(String customer, long totalCents, boolean failPayment, boolean failShipping,
                           boolean awaitCarrier) {
}

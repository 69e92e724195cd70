package dev.ferry.sample;

/**
 * The event published through the outbox when an order is placed.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param totalCents the amount
 */
public record OrderPlaced(String orderId, String customer, long totalCents) {
}

package dev.ferry.sample.it.matrix.soak;

/**
 * The soak saga's data.
 *
 * @param orderId an order
 * @param amount an amount
 */
public record SoakData(String orderId, long amount) {
}

package dev.ferry.saga.testing;

/**
 * The data of the versioned test saga.
 *
 * @param orderId the order
 * @param amount an amount (a number, so that stored text can stop reading as one)
 */
public record FulfilData(String orderId, int amount) {
}

package dev.ferry.saga.testing;

/**
 * Data of {@link CrashSaga}.
 *
 * @param n the saga's number
 * @param failAtThree whether its third step fails for good
 * @param pauseMillis how long each step takes
 */
public record CrashData(int n, boolean failAtThree, int pauseMillis) {
}

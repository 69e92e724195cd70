package dev.ferry.saga.testing;

/**
 * Data of {@link SlowSaga}.
 *
 * @param sleepMillis how long its slow step takes
 */
public record SlowData(long sleepMillis) {
}

package dev.ferry.runtime.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * A pause that doubles after each failed attempt: {@code initial} after the first, then
 * {@code initial × 2^(attempts-1)}, never more than {@code max}. Immutable; no attempt count, however
 * large, overflows it.
 *
 * <pre>{@code
 * Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
 * backoff.delayAfter(1);    // 1 s, then 2 s, 4 s ... 256 s, and 5 min from the 10th attempt on
 * }</pre>
 *
 * @param initial the pause after the first failed attempt; zero or positive (zero: never pause)
 * @param max the longest pause; at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * Checks the pauses.
     *
     * @param initial the pause after the first failed attempt; zero or positive
     * @param max the longest pause; at least {@code initial}
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code initial} is negative or longer than {@code max}
     */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative()) {
            throw new IllegalArgumentException("Backoff initial must be zero or positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff max (" + max + ") is shorter than initial (" + initial + ")");
        }
    }

    /**
     * @param attempts the failed attempts so far: 1 after the first (fewer counts as 1)
     * @return the pause before the next attempt: {@code initial × 2^(attempts-1)}, at most {@code max}
     */
    public Duration delayAfter(int attempts) {
        if (initial.isZero()) {
            return initial;
        }
        Duration half = max.dividedBy(2);
        Duration delay = initial;
        // At most about 90 doublings from 1 ns reach any max, whatever the attempt count.
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.compareTo(half) > 0 ? max : delay.multipliedBy(2);
        }
        return delay;
    }

    /**
     * @param cap the longest pause wanted
     * @return this backoff with neither pause longer than {@code cap}
     * @throws IllegalArgumentException if {@code cap} is negative
     */
    public Backoff atMost(Duration cap) {
        if (cap.isNegative()) {
            throw new IllegalArgumentException("Backoff cap must be zero or positive, was " + cap);
        }
        return new Backoff(shorter(initial, cap), shorter(max, cap));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

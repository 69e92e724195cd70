package dev.ferry.runtime.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void thePauseStartsAtInitialAndDoublesUpToMax() {
        assertEquals(Duration.ofMillis(100), backoff.delayAfter(1));
        assertEquals(Duration.ofMillis(200), backoff.delayAfter(2));
        assertEquals(Duration.ofMillis(400), backoff.delayAfter(3));
        assertEquals(Duration.ofMillis(800), backoff.delayAfter(4));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(5));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(6));
    }

    @Test
    void noAttemptYetCountsAsTheFirst() {
        assertEquals(Duration.ofMillis(100), backoff.delayAfter(0));
        assertEquals(Duration.ofMillis(100), backoff.delayAfter(-5));
    }

    @Test
    void hugeAttemptCountsStayAtMaxInsteadOfOverflowing() {
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(64));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1_000_000));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(Integer.MAX_VALUE));
        Backoff widest = new Backoff(Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
        Duration longest = widest.delayAfter(Integer.MAX_VALUE);
        assertEquals(widest.max(), longest);
        assertTrue(widest.delayAfter(80).compareTo(Duration.ZERO) > 0, "never negative");
    }

    @Test
    void aZeroInitialPauseNeverPauses() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ofMinutes(5)).delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void aCapShortensBothPauses() {
        assertEquals(new Backoff(Duration.ofMillis(100), Duration.ofMillis(300)),
                backoff.atMost(Duration.ofMillis(300)));
        assertEquals(new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)), backoff.atMost(Duration.ofMillis(50)));
        assertEquals(backoff, backoff.atMost(Duration.ofMinutes(1)));
    }

    @Test
    void invalidPausesAreRefusedWithTheirValues() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
        assertEquals("Backoff initial must be zero or positive, was PT-1S", negative.getMessage());
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals("Backoff max (PT1S) is shorter than initial (PT2S)", inverted.getMessage());
        assertThrows(NullPointerException.class, () -> new Backoff(null, Duration.ofSeconds(1)));
    }
}

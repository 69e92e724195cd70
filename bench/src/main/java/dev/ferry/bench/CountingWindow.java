package dev.ferry.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time a measurement's threads run, shared by all of them: an optional warm-up, then the
 * measured seconds. A thread loops while the window {@link #isOpen is open} at the start of a
 * transaction and {@link #count counts} each transaction it began after the warm-up.
 */
final class CountingWindow {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final long warmEnd;
    private final long end;
    private final AtomicLong counted = new AtomicLong();

    private CountingWindow(long warmupNanos, int seconds) {
        this.warmEnd = System.nanoTime() + warmupNanos;
        this.end = warmEnd + seconds * SECOND_NANOS;
    }

    /** @return a window that opens now and counts for {@code seconds} */
    static CountingWindow of(int seconds) {
        return new CountingWindow(0, seconds);
    }

    /** @return a window that opens now, warms up for a second, then counts for {@code seconds} */
    static CountingWindow afterASecond(int seconds) {
        return new CountingWindow(SECOND_NANOS, seconds);
    }

    /** @return whether a transaction begun at {@code now} ({@link System#nanoTime()}) runs */
    boolean isOpen(long now) {
        return now < end;
    }

    /** Counts a transaction begun at {@code begunAt}, unless it began during the warm-up. */
    void count(long begunAt) {
        if (begunAt >= warmEnd) {
            counted.incrementAndGet();
        }
    }

    /** @return the transactions counted */
    long counted() {
        return counted.get();
    }
}

package dev.ferry.runtime.telemetry;

import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * A value read at most once per interval: metric gauges and health checks ask for the outbox's
 * backlog whenever they are collected, and the query behind it should not run more often than every
 * few seconds however many collectors ask. A read that takes long is also kept longer: at least
 * {@value #KEPT_PER_READ} times as long as it took, up to a minute ({@link #MAX_KEPT_NANOS}), so
 * that reading takes at most 2 % of the time up to reads of 1.2 s (a count over a backlog of
 * millions takes seconds) while a figure is never older than a minute.
 * Thread-safe; a failed read is not kept, so the next call tries again (and throws again while the
 * database is down).
 *
 * @param <T> the value
 */
public final class Throttled<T> {

    /** A value is kept at least this many times as long as reading it took. */
    public static final int KEPT_PER_READ = 50;
    /** However slow its read, a value is kept no longer than this (unless the interval is longer). */
    public static final long MAX_KEPT_NANOS = 60_000_000_000L;

    private final Callable<T> read;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    /** How long the value is kept: the interval, or longer after a slow read. */
    private long keptNanos;
    private boolean read0;

    /**
     * @param read reads the value
     * @param intervalNanos how long a value is kept
     * @param nanoTime the clock ({@code System::nanoTime})
     */
    public Throttled(Callable<T> read, long intervalNanos, LongSupplier nanoTime) {
        this.read = read;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * @return the value read less than an interval ago, or read now
     * @throws Exception if reading it failed
     */
    public synchronized T get() throws Exception {
        if (!read0 || nanoTime.getAsLong() - readAt >= keptNanos) {
            return fresh();
        }
        return value;
    }

    /**
     * @return the value, read now
     * @throws Exception from the read
     */
    public synchronized T fresh() throws Exception {
        long started = nanoTime.getAsLong();
        value = read.call();
        long took = nanoTime.getAsLong() - started;
        readAt = started;
        keptNanos = Math.max(intervalNanos, Math.min(took * KEPT_PER_READ, MAX_KEPT_NANOS));
        read0 = true;
        return value;
    }
}

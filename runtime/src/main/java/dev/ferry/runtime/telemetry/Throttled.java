package dev.ferry.runtime.telemetry;

import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * A value read at most once per interval: metric gauges and health checks ask for the outbox's
 * backlog whenever they are collected, and the query behind it should not run more often than every
 * few seconds however many collectors ask. Thread-safe; a failed read is not kept, so the next call
 * tries again (and throws again while the database is down).
 *
 * @param <T> the value
 */
public final class Throttled<T> {

    private final Callable<T> read;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
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
        long now = nanoTime.getAsLong();
        if (!read0 || now - readAt >= intervalNanos) {
            value = read.call();
            readAt = now;
            read0 = true;
        }
        return value;
    }

    /** @return the value, read now */
    public synchronized T fresh() throws Exception {
        value = read.call();
        readAt = nanoTime.getAsLong();
        read0 = true;
        return value;
    }
}

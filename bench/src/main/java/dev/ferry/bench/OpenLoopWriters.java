package dev.ferry.bench;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Writers on an open-loop schedule, as the latency figures run them: each thread makes one write
 * at fixed times (its slots spread evenly among the threads), whatever the latency of the last, for
 * a warm-up and then a measured window. The latencies the recorder took during the warm-up are
 * discarded; writes are counted in the measured window only.
 */
final class OpenLoopWriters {

    /** One writer thread's work, opened on its thread before its first slot. */
    @FunctionalInterface
    interface Writer extends AutoCloseable {
        /**
         * @param i the writer's write number, from 0
         * @throws Exception fails the run
         */
        void write(long i) throws Exception;

        /** Closes what {@link Opener#open} opened for this writer; nothing by default. */
        @Override
        default void close() throws SQLException {
        }
    }

    /** Opens the work of the writer thread {@code writer} (from 0). */
    @FunctionalInterface
    interface Opener {
        Writer open(int writer) throws Exception;
    }

    /**
     * The measured window.
     *
     * @param written writes made in it
     * @param nanos its length, from the end of the warm-up until the last writer ended
     */
    record Window(long written, long nanos) {
        /** @return writes per second in the window */
        double rate() {
            return written / (nanos / 1e9);
        }
    }

    private OpenLoopWriters() {
    }

    /**
     * Runs the writers and returns once they all ended.
     *
     * @param name the threads' name prefix
     * @param writers how many threads
     * @param rate writes per second, all threads together
     * @param warmupNanos the warm-up, before the measured window
     * @param measuredNanos the measured window
     * @param recorder the latencies, reset when the warm-up ends
     * @param opener each thread's work
     * @return the measured window
     */
    static Window run(String name, int writers, int rate, long warmupNanos, long measuredNanos, Recorder recorder,
                      Opener opener) throws Exception {
        long totalNanos = warmupNanos + measuredNanos;
        long intervalNanos = 1_000_000_000L * writers / rate;
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        Workers threads = Workers.start(name, writers, (writer, failed) -> {
            try (Writer work = opener.open(writer)) {
                long next = start + writer * intervalNanos / writers;
                for (long i = 0; next - start < totalNanos && !failed.getAsBoolean(); i++, next += intervalNanos) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    work.write(i);
                    if (next - start >= warmupNanos) {
                        written.incrementAndGet();
                    }
                }
            }
        });
        // Discard the warm-up's latencies, then keep what the measured window produces.
        Thread.sleep(Math.max(0, (start + warmupNanos - System.nanoTime()) / 1_000_000));
        recorder.getIntervalHistogram();
        long measuredFrom = System.nanoTime();
        threads.join();
        return new Window(written.get(), System.nanoTime() - measuredFrom);
    }
}

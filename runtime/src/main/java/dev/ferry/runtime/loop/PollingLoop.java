package dev.ferry.runtime.loop;

import dev.ferry.runtime.retry.Backoff;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs a unit of work repeatedly on a few threads: again at once while it reports more work,
 * otherwise after the poll interval or as soon as {@link #wake()} is called. Failures are logged
 * and retried with a growing pause (up to a minute), so a database outage does not spin; the first
 * failure of a streak is logged with its stack trace, the retries after it in one line each.
 *
 * <p>Threads come from a {@link ThreadFactory}: plain threads in Java SE, the container's
 * {@code ManagedThreadFactory} in Jakarta EE.
 */
public final class PollingLoop {

    /** One unit of work. */
    @FunctionalInterface
    public interface Work {
        /**
         * @return true if more work is probably waiting (run again at once)
         * @throws Exception logged; the loop pauses and retries
         */
        boolean runOnce() throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(PollingLoop.class.getName());
    private static final Duration MAX_ERROR_PAUSE = Duration.ofMinutes(1);

    private final String name;
    private final ThreadFactory threadFactory;
    private final int threads;
    private final long pollMillis;
    /** The pause after failures in a row: the poll interval (at most a minute), doubling up to a minute. */
    private final Backoff errorBackoff;
    private final Work work;
    private final Object signal = new Object();
    private final List<Thread> running = new ArrayList<>();
    private long wakeups;
    private volatile boolean stopping;

    /**
     * @param name names the threads and log lines
     * @param threadFactory makes the threads
     * @param threads how many threads run the work
     * @param pollInterval the pause when there is no work and no wake-up
     * @param work the work
     */
    public PollingLoop(String name, ThreadFactory threadFactory, int threads, Duration pollInterval, Work work) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + ": threads must be at least 1, was " + threads);
        }
        this.name = name;
        this.threadFactory = threadFactory;
        this.threads = threads;
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        Duration poll = Duration.ofMillis(pollMillis);
        this.errorBackoff = new Backoff(poll.compareTo(MAX_ERROR_PAUSE) < 0 ? poll : MAX_ERROR_PAUSE, MAX_ERROR_PAUSE);
        this.work = work;
    }

    /** Starts the threads. */
    public synchronized void start() {
        if (!running.isEmpty()) {
            throw new IllegalStateException(name + " is already running");
        }
        stopping = false;
        for (int i = 0; i < threads; i++) {
            Thread t = threadFactory.newThread(this::run);
            t.setName(name + "-" + (i + 1));
            running.add(t);
            t.start();
        }
    }

    /** Makes waiting threads run the work now instead of at the end of the poll interval. */
    public void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    /**
     * Stops the loop: threads finish their current unit of work, then end.
     *
     * @param timeout how long to wait for them
     * @return whether every thread ended in time
     */
    public synchronized boolean stop(Duration timeout) {
        stopping = true;
        wake();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Thread t : running) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all &= !t.isAlive();
        }
        running.clear();
        return all;
    }

    /**
     * @return how many of the loop's threads have ended although the loop was not stopped (a thread
     *     that died, or was interrupted): liveness checks report these
     */
    public synchronized int deadThreads() {
        int dead = 0;
        for (Thread t : running) {
            dead += t.isAlive() ? 0 : 1;
        }
        return dead;
    }

    /** @return how many threads the loop runs when it is running */
    public int threads() {
        return threads;
    }

    /** @return whether the loop is running */
    public synchronized boolean isRunning() {
        return !running.isEmpty() && !stopping;
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            long seen;
            synchronized (signal) {
                seen = wakeups;
            }
            boolean more;
            try {
                more = work.runOnce();
                if (failures > 0) {
                    LOG.log(Level.INFO, name + " works again after " + failures + " failed rounds");
                }
                failures = 0;
            } catch (Throwable e) {
                failures++;
                long errorPause = errorBackoff.delayAfter(failures).toMillis();
                // The stack trace once per streak of failures; each retry after it is one line.
                if (failures == 1) {
                    LOG.log(Level.WARNING, name + " failed, retrying in " + errorPause + " ms: " + e, e);
                } else {
                    LOG.log(Level.WARNING, name + " failed again (" + failures + " in a row), retrying in "
                            + errorPause + " ms: " + e);
                }
                pause(-1, errorPause);
                continue;
            }
            if (!more) {
                pause(seen, pollMillis);
            }
        }
    }

    private void pause(long seen, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (signal) {
            while (!stopping && (seen < 0 || wakeups == seen)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                    return;
                }
            }
        }
    }
}

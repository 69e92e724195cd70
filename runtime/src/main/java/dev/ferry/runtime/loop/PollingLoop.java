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
 * otherwise after the poll interval or as soon as {@link #wake()} is called. Failures are retried
 * with a growing pause (up to a minute), so a database outage does not spin. A streak of failures of
 * the loop as a whole (all its threads: one outage) is logged once when it begins, with its stack
 * trace, and once when the loop works again; the rounds between are logged at DEBUG, with a reminder
 * at WARNING every 5 minutes while the streak lasts. A round that began
 * before a streak began does not end it, nor does one that began before it ended start a new one:
 * a round that hung through the whole outage belongs to it.
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
    private static final int REMINDER_MINUTES = 5;

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
    /** Threads waiting for a wake-up or the poll (not pausing after a failure), guarded by {@code signal}. */
    private int idle;
    private volatile boolean stopping;
    /** When the latest round began (nanoTime), and whether one did. */
    private volatile long lastRoundStart;
    private volatile boolean anyRound;
    /** The loop's streak of failures, guarded by {@code streakLock}: when it began (nanoTime), how many rounds. */
    private final Object streakLock = new Object();
    private long streakStart;
    private int streakFailures;
    private long lastReport;
    private long lastRecovery = Long.MIN_VALUE;

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
     * @return whether one of the threads is waiting for a wake-up or its poll (not working, and not
     *     pausing after a failure): then {@link #wake()} has it work at once
     */
    public boolean hasIdleThread() {
        synchronized (signal) {
            return idle > 0;
        }
    }

    /**
     * @param nanoTime a {@link System#nanoTime()}
     * @return whether a round of work began at or after that time (and so sees what was committed before it)
     */
    public boolean roundBeganSince(long nanoTime) {
        return anyRound && lastRoundStart - nanoTime >= 0;
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
            long roundStart = System.nanoTime();
            lastRoundStart = roundStart;
            anyRound = true;
            try {
                more = work.runOnce();
                failures = 0;
                worked(roundStart);
            } catch (Throwable e) {
                failures++;
                long errorPause = errorBackoff.delayAfter(failures).toMillis();
                failed(roundStart, errorPause, e);
                pause(-1, errorPause);
                continue;
            }
            if (!more) {
                pause(seen, pollMillis);
            }
        }
    }

    /** Ends the loop's streak of failures, if the round began after the streak did. */
    private void worked(long roundStart) {
        synchronized (streakLock) {
            if (streakFailures == 0 || roundStart - streakStart < 0) {
                return;
            }
            long now = System.nanoTime();
            LOG.log(Level.INFO, name + " works again after " + streakFailures + " failed rounds in "
                    + seconds(now - streakStart) + " s");
            streakFailures = 0;
            lastRecovery = now;
        }
    }

    /** Logs a failed round: the first of a streak with its stack trace, the rest at DEBUG or as a reminder. */
    private void failed(long roundStart, long errorPause, Throwable e) {
        synchronized (streakLock) {
            long now = System.nanoTime();
            if (streakFailures == 0 && lastRecovery != Long.MIN_VALUE && roundStart - lastRecovery < 0) {
                // Began before the loop worked again: the tail of the streak that ended, not a new one.
                LOG.log(Level.DEBUG, () -> name + " failed in a round begun before it worked again: " + e);
                return;
            }
            streakFailures++;
            if (streakFailures == 1) {
                streakStart = now;
                lastReport = now;
                LOG.log(Level.WARNING, name + " failed, retrying in " + errorPause + " ms (further failures"
                        + " are logged at DEBUG until it works again): " + e, e);
            } else if (now - lastReport >= TimeUnit.MINUTES.toNanos(REMINDER_MINUTES)) {
                lastReport = now;
                LOG.log(Level.WARNING, name + " still fails: " + streakFailures + " failed rounds in "
                        + seconds(now - streakStart) + " s, retrying in " + errorPause + " ms: " + e);
            } else {
                int n = streakFailures;
                LOG.log(Level.DEBUG, () -> name + " failed again (" + n + " rounds in a row), retrying in "
                        + errorPause + " ms: " + e);
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private void pause(long seen, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (signal) {
            boolean waitsForWork = seen >= 0;
            idle += waitsForWork ? 1 : 0;
            try {
                while (!stopping && (seen < 0 || wakeups == seen)) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return;
                    }
                    signal.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } finally {
                idle -= waitsForWork ? 1 : 0;
            }
        }
    }
}

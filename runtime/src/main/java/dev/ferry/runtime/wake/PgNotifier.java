package dev.ferry.runtime.wake;

import dev.ferry.runtime.jdbc.LocalConnections;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Sends {@code pg_notify(channel, '')} on a thread of its own when asked to by {@link #announce()},
 * so that the committing thread only sets a flag. Every announcement is followed by a notification
 * sent after it (the flag is cleared before a notification is sent, so a commit during a send asks
 * for another), and notifications are at least {@value #MIN_GAP_MILLIS} ms apart: under load, the
 * commits of those milliseconds share one, and a relay that is draining finds their rows anyway.
 *
 * <p>Each notification is a transaction of its own on a connection taken from the pool for it, with
 * {@code synchronous_commit} off: it holds no data that must survive a crash, so it need not wait
 * for the WAL to be flushed. A failure is logged once, when it begins, and once when notifications
 * go out again; meanwhile the other JVMs find the work at their next poll.
 */
final class PgNotifier implements AutoCloseable {

    /** The least time between two notifications, in milliseconds. */
    static final long MIN_GAP_MILLIS = 5;

    private static final System.Logger LOG = System.getLogger(CrossNodeWakeUps.class.getName());
    private static final String SQL = "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, '')";

    private final DataSource dataSource;
    private final WakeChannel channel;
    private final ThreadFactory threadFactory;
    private final String name;
    private final Object lock = new Object();
    private boolean requested;
    private boolean closed;
    private Thread thread;
    private long sent;
    /** Whether the last notification failed, and since when (nanoTime); used by the sending thread only. */
    private boolean failing;
    private long failingSince;

    PgNotifier(DataSource dataSource, WakeChannel channel, ThreadFactory threadFactory, String name) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadFactory = threadFactory;
        this.name = name;
    }

    /** Asks for a notification after this call; returns at once. */
    void announce() {
        synchronized (lock) {
            if (requested || closed) {
                return;
            }
            requested = true;
            if (thread == null) {
                thread = DaemonThreads.start(threadFactory, this::run, name + "-notify");
            } else {
                lock.notifyAll();
            }
        }
    }

    /** @return notifications sent so far */
    long sent() {
        synchronized (lock) {
            return sent;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            t = thread;
        }
        DaemonThreads.joinBriefly(t);
    }

    private void run() {
        long last = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS);
        while (awaitTurn(last)) {
            last = System.nanoTime();
            send();
        }
    }

    /**
     * Waits until a notification was asked for and the gap since the last one has passed, then
     * clears the request.
     *
     * @return false once closed
     */
    private boolean awaitTurn(long last) {
        synchronized (lock) {
            try {
                while (!closed && !requested) {
                    lock.wait();
                }
                long due = last + TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS);
                for (long left = due - System.nanoTime(); !closed && left > 0; left = due - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            requested = false;
            return !closed;
        }
    }

    private void send() {
        try {
            LocalConnections.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setString(1, channel.name());
                    ps.execute();
                }
                return null;
            });
            synchronized (lock) {
                sent++;
            }
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, name + ": notifications to other nodes' relays (channel " + channel.name()
                        + ") go out again after " + String.format(Locale.ROOT, "%.1f",
                        (System.nanoTime() - failingSince) / 1e9) + " s");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                failingSince = System.nanoTime();
                LOG.log(Level.WARNING, name + ": cannot notify other nodes' relays (channel " + channel.name()
                        + "): " + e + "; they find the messages at their next poll. Logged once until it works again");
            }
        }
    }
}

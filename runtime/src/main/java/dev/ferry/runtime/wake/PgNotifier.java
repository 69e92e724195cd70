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
 * Sends {@code pg_notify(channel, sender)} on a thread of its own when asked to by {@link #announce()},
 * so that the committing thread only sets a flag. Every announcement is followed by a notification
 * sent after it (the flag is cleared before a notification is sent, so a commit during a send asks
 * for another), unless this JVM's own relay takes the work first: where it runs, the notifier waits
 * up to {@value #PATIENCE_MILLIS} ms for one of its rounds to begin after the announcement (such a
 * round finds the rows), and sends only if none did (the relay is stuck in a long batch, say).
 * Notifications are at least {@value #MIN_GAP_MILLIS} ms apart: under load, the commits of those
 * milliseconds share one, and a relay that is draining finds their rows anyway. The payload names
 * the sender, so that this JVM's listener ignores its own.
 *
 * <p>Each notification is a transaction of its own on a connection taken from the pool for it, with
 * {@code synchronous_commit} off: it holds no data that must survive a crash, so it need not wait
 * for the WAL to be flushed. A failure is logged once, when it begins, and once when notifications
 * go out again; meanwhile the other JVMs find the work at their next poll.
 */
final class PgNotifier implements AutoCloseable {

    /** The least time between two notifications, in milliseconds. */
    static final long MIN_GAP_MILLIS = 5;
    /** How long the notifier waits for this JVM's own relay to take the work, in milliseconds. */
    static final long PATIENCE_MILLIS = 10;

    private static final System.Logger LOG = System.getLogger(CrossNodeWakeUps.class.getName());
    private static final String SQL = "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, ?)";

    private final DataSource dataSource;
    private final WakeChannel channel;
    private final ThreadFactory threadFactory;
    private final String name;
    private final String sender;
    private final LocalWork local;
    private final Object lock = new Object();
    private boolean requested;
    /** The first and the last announcement not yet served (nanoTime), while {@code requested}. */
    private long earliest;
    private long latest;
    private boolean closed;
    private Thread thread;
    private long sent;
    private long looks;
    /** Whether the last notification failed, and since when (nanoTime); used by the sending thread only. */
    private boolean failing;
    private long failingSince;

    PgNotifier(DataSource dataSource, WakeChannel channel, ThreadFactory threadFactory, String name, String sender,
               LocalWork local) {
        this.sender = sender;
        this.local = local;
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadFactory = threadFactory;
        this.name = name;
    }

    /** Asks for a notification after this call; returns at once. */
    void announce() {
        long now = System.nanoTime();
        synchronized (lock) {
            if (closed) {
                return;
            }
            latest = now;
            if (requested) {
                return;
            }
            requested = true;
            earliest = now;
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
        try {
            while (awaitTurn(last)) {
                last = System.nanoTime();
                send();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until a notification is needed: asked for, not taken by this JVM's relay within the
     * patience, and the gap since the last one passed. Clears the request.
     *
     * <p>While this JVM's relay runs, the notifier looks once per patience, not more often: under a
     * steady stream of commits the relay begins a round every few milliseconds, and each look is a
     * wake-up of this thread that would take CPU from the commits it is about.
     *
     * @return false once closed
     */
    private boolean awaitTurn(long last) throws InterruptedException {
        long gap = TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS);
        long patience = TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        synchronized (lock) {
            while (!closed) {
                if (!requested) {
                    lock.wait();
                    continue;
                }
                looks++;
                long now = System.nanoTime();
                if (local.roundBeganSince(latest)) {
                    requested = false; // this JVM's relay began a round after every announcement: it finds the rows
                    continue;
                } else if (local.roundBeganSince(earliest)) {
                    // The older announcements are taken; the rest wait counted from the last of them (the oldest
                    // of them may wait up to one relay round longer than the patience).
                    earliest = latest;
                }
                long wait;
                if (local.running() && now - earliest < patience) {
                    wait = earliest + patience - now; // its relay may begin a round yet
                } else {
                    wait = last + gap - now;
                    if (wait <= 0) {
                        requested = false;
                        return true;
                    }
                }
                TimeUnit.NANOSECONDS.timedWait(lock, wait);
            }
            return false;
        }
    }

    /** @return how many times the notifier looked whether a notification was needed (for tests) */
    long looks() {
        synchronized (lock) {
            return looks;
        }
    }

    private void send() {
        try {
            LocalConnections.inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setString(1, channel.name());
                    ps.setString(2, sender);
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
                // INFO: the relay's own loop warns when the database is unreachable; this says only that
                // wake-ups fall back to the polls meanwhile (one cause, one warning).
                LOG.log(Level.INFO, name + ": cannot notify other nodes' relays (channel " + channel.name()
                        + "): " + e + "; they find the messages at their next poll. Logged once until it works again");
            }
        }
    }
}

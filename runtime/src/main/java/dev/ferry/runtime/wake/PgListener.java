package dev.ferry.runtime.wake;

import dev.ferry.runtime.retry.Backoff;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on a channel with a connection of its own (held while it listens, in auto-commit) and
 * runs the wake-up for every batch of notifications that arrives from another JVM (this JVM's own
 * carry its sender id and are ignored: its relay was woken for them already), and once after each time it
 * (re)connected, for what was committed while it was not listening. A lost connection is logged
 * once, when the outage begins, and once when it listens again; meanwhile it reconnects after
 * pauses growing from 100 ms to 30 s, and the relay polls.
 *
 * <p>The thread waits for notifications at most {@value #WAIT_MILLIS} ms at a time, so
 * {@link #stop()} ends it within that (and never waits longer than a second for it). A connection
 * that received nothing for {@value #CHECK_SECONDS} s is checked, so that one cut without a word
 * from the network is noticed.
 */
final class PgListener {

    static final int WAIT_MILLIS = 250;
    static final int CHECK_SECONDS = 30;

    private static final System.Logger LOG = System.getLogger(CrossNodeWakeUps.class.getName());
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    private final DataSource dataSource;
    private final WakeChannel channel;
    private final ThreadFactory threadFactory;
    private final String name;
    private final String sender;
    private final Runnable wake;
    private final Object lock = new Object();
    private volatile boolean stopping;
    private Thread thread;

    PgListener(DataSource dataSource, WakeChannel channel, ThreadFactory threadFactory, String name, String sender,
               Runnable wake) {
        this.sender = sender;
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadFactory = threadFactory;
        this.name = name;
        this.wake = wake;
    }

    void start() {
        thread = DaemonThreads.start(threadFactory, this::run, name + "-listen");
    }

    void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        DaemonThreads.joinBriefly(thread);
    }

    private void run() {
        int failures = 0;
        long outageStart = 0;
        while (!stopping) {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isWrapperFor(PGConnection.class)) {
                    LOG.log(Level.WARNING, name + ": the pool's connections do not unwrap to the PostgreSQL driver's"
                            + " PGConnection, so this relay cannot listen for other nodes' notifications (channel "
                            + channel.name() + "); it finds their messages at its polls");
                    return;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel.name());
                }
                if (failures > 0) {
                    LOG.log(Level.INFO, name + ": listening for other nodes' notifications again (channel "
                            + channel.name() + ") after " + seconds(System.nanoTime() - outageStart) + " s");
                    failures = 0;
                }
                wake.run();
                try {
                    listen(c, pg);
                } catch (SQLException e) {
                    letThePoolSee(c);
                    throw e;
                }
                unlisten(c, autoCommit);
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                if (failures++ == 0) {
                    outageStart = System.nanoTime();
                    // INFO: the relay's own loop warns when the database is unreachable; this says only that
                    // wake-ups fall back to the polls meanwhile (one cause, one warning).
                    LOG.log(Level.INFO, name + ": cannot listen for other nodes' notifications (channel "
                            + channel.name() + "): " + e + "; reconnecting, meanwhile the relay finds their"
                            + " messages at its polls. Logged once until it listens again");
                }
                pause(RECONNECT.delayAfter(failures).toMillis());
            } catch (LinkageError e) {
                LOG.log(Level.WARNING, name + ": the PostgreSQL driver's classes are not visible to Ferry (" + e
                        + "), so this relay cannot listen for other nodes' notifications; it finds their messages"
                        + " at its polls");
                return;
            }
        }
    }

    private void listen(Connection c, PGConnection pg) throws SQLException {
        long quietSince = System.nanoTime();
        while (!stopping) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                if (fromOthers(received)) {
                    wake.run();
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(CHECK_SECONDS)) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening connection does not answer");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    /** @return whether one of the notifications came from another JVM (this JVM's relay was woken for its own) */
    private boolean fromOthers(PGNotification[] received) {
        for (PGNotification n : received) {
            if (!sender.equals(n.getParameter())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver failed on the unwrapped connection, which the pool does not watch: a statement
     * through the pool's own wrapper lets it see that the connection is broken, so that it discards
     * the connection instead of handing it to the relay next.
     */
    private static void letThePoolSee(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            // what the pool was to see
        }
    }

    /** Leaves the connection as the pool gave it: listening on nothing, auto-commit as it was. */
    private static void unlisten(Connection c, boolean autoCommit) {
        try (Statement st = c.createStatement()) {
            st.execute("UNLISTEN *");
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // the connection is closed next anyway
        }
    }

    private void pause(long millis) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            try {
                for (long left = due - System.nanoTime(); !stopping && left > 0; left = due - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}

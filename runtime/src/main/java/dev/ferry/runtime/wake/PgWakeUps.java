package dev.ferry.runtime.wake;

import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * PostgreSQL's {@code LISTEN/NOTIFY} as cross-node wake-ups: a {@link PgNotifier} that sends
 * {@code pg_notify(channel, sender)} after commits, and a {@link PgListener} that wakes the relay when
 * one arrives.
 *
 * <p>Why after the commit, on a connection of its own, and not inside the writing transaction
 * (where PostgreSQL would deliver it on commit, and fold a transaction's duplicates into one, with
 * no extra round trip): a transaction that ran {@code NOTIFY} cannot be prepared, so it would break
 * every XA (two-phase) commit; and PostgreSQL serializes the commits of all transactions that
 * notify on one lock, held across the commit's WAL flush, so at a high rate the writers would
 * queue behind each other. Sent after the commit, on the notifier's thread, a notification costs
 * the writer nothing but a signal, under load many commits share one (at most one per
 * {@value PgNotifier#MIN_GAP_MILLIS} ms per table and JVM), and none is sent when this JVM's own
 * relay begins a round within {@value PgNotifier#PATIENCE_MILLIS} ms of the commit.
 */
final class PgWakeUps implements CrossNodeWakeUps {

    private static final System.Logger LOG = System.getLogger(CrossNodeWakeUps.class.getName());

    private final PgNotifier notifier;
    private final DataSource dataSource;
    private final WakeChannel channel;
    private final ThreadFactory threadFactory;
    private final String name;
    /** Names this JVM's notifications, which its own listener ignores. */
    private final String sender = UUID.randomUUID().toString();
    private PgListener listener;

    PgWakeUps(DataSource dataSource, WakeChannel channel, ThreadFactory threadFactory, String name, LocalWork local) {
        this.notifier = new PgNotifier(dataSource, channel, threadFactory, name, sender, local);
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadFactory = threadFactory;
        this.name = name;
    }

    @Override
    public void announce() {
        notifier.announce();
    }

    @Override
    public synchronized void listen(Runnable wake) {
        if (listener == null) {
            try {
                listener = new PgListener(dataSource, channel, threadFactory, name, sender, wake);
            } catch (LinkageError e) {
                LOG.log(Level.WARNING, name + ": the PostgreSQL driver's classes are not visible to Ferry (" + e
                        + "), so this relay cannot listen for other nodes' notifications; it finds their messages"
                        + " at its polls");
                return;
            }
            listener.start();
        }
    }

    @Override
    public synchronized void stopListening() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    @Override
    public void close() {
        stopListening();
        notifier.close();
    }
}

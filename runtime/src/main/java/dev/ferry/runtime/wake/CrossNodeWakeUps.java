package dev.ferry.runtime.wake;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * Wake-ups between JVMs for the work in one table: {@link #announce()} after a commit that wrote
 * work, {@link #listen(Runnable)} where the work is done. Chosen once, by {@link #of}: on a database
 * whose dialect {@linkplain SqlDialect#notifiesListeners() notifies listeners} (PostgreSQL's
 * {@code LISTEN/NOTIFY}) they reach the other JVMs within milliseconds; elsewhere, or turned off,
 * they do nothing and the other JVMs find the work at their next poll.
 *
 * <p>Thread-safe: {@link #announce()} is called by the committing threads at once.
 */
public interface CrossNodeWakeUps extends AutoCloseable {

    /**
     * @return wake-ups that do nothing: the poll finds the work
     */
    static CrossNodeWakeUps none() {
        return NoWakeUps.INSTANCE;
    }

    /**
     * @param dialect the database's dialect
     * @param dataSource connections outside JTA transactions (a sender takes one per notification, a
     *     listener holds one while it listens)
     * @param table the table whose work is announced
     * @param threadFactory makes the sender's and the listener's threads
     * @param name names their threads and log lines
     * @param local this JVM's own relay: work it takes within moments is not announced
     * @return PostgreSQL's {@code LISTEN/NOTIFY} wake-ups where the dialect notifies listeners, else {@link #none()}
     */
    static CrossNodeWakeUps of(SqlDialect dialect, DataSource dataSource, TableName table,
                               ThreadFactory threadFactory, String name, LocalWork local) {
        if (!dialect.notifiesListeners()) {
            return none();
        }
        return new PgWakeUps(dataSource, WakeChannel.of(table), threadFactory, name, local);
    }

    /**
     * Tells the other JVMs' listeners that work was committed, unless this JVM's relay takes it
     * first; returns at once. Calls close together are announced once (see {@link PgNotifier}).
     */
    void announce();

    /**
     * Starts listening: {@code wake} runs on the listener's thread whenever another JVM announced
     * work, and once after each time the listener (re)connected.
     *
     * @param wake what to run; must return quickly
     */
    void listen(Runnable wake);

    /** Stops listening, without waiting for more than a moment; {@link #listen} may be called again. */
    void stopListening();

    /** Stops listening and announcing. */
    @Override
    void close();
}

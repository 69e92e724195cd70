package dev.ferry.outbox.inbox;

import dev.ferry.runtime.purge.BatchPurge;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Forgets received ids older than the retention, a small batch per transaction, so that no lock is
 * held long. Only this consumer's rows are purged.
 */
public final class InboxPurger {

    private final SqlDialect dialect;
    private final InboxSettings settings;
    private final Clock clock;
    private final BatchPurge purge;

    /**
     * @param dataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings table, consumer, retention and batch size
     * @param clock the clock
     */
    public InboxPurger(DataSource dataSource, SqlDialect dialect, InboxSettings settings, Clock clock) {
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        this.purge = new BatchPurge(dataSource, dialect, settings.table(), "seq", "consumer = ? AND received_at < ?",
                settings.purgeBatchSize());
    }

    /**
     * Deletes one batch of expired ids.
     *
     * @return whether a full batch was deleted (more are probably waiting)
     * @throws SQLException from the database
     */
    public boolean purgeOnce() throws SQLException {
        return purge.deleteOnce(ps -> {
            ps.setString(1, settings.consumer());
            dialect.setInstant(ps, 2, clock.instant().minus(settings.retention()));
        });
    }
}

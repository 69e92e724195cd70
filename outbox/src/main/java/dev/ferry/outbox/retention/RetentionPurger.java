package dev.ferry.outbox.retention;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.purge.BatchPurge;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Deletes delivered messages older than the retention, a small batch per transaction, so that no
 * lock is held long. Only used when a retention is configured; otherwise delivered rows are deleted
 * by the relay at once.
 */
public final class RetentionPurger {

    private final SqlDialect dialect;
    private final OutboxSettings settings;
    private final Clock clock;
    private final BatchPurge purge;

    /**
     * @param dataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings retention, batch size and table
     * @param clock the clock
     */
    public RetentionPurger(DataSource dataSource, SqlDialect dialect, OutboxSettings settings, Clock clock) {
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        this.purge = new BatchPurge(dataSource, dialect, settings.table(), "seq",
                "status = 'DELIVERED' AND delivered_at < ?", settings.purgeBatchSize());
    }

    /**
     * Deletes one batch of expired rows.
     *
     * @return whether a full batch was deleted (more are probably waiting)
     * @throws SQLException from the database
     */
    public boolean purgeOnce() throws SQLException {
        return purge.deleteOnce(ps -> dialect.setInstant(ps, 1, clock.instant().minus(settings.retention())));
    }
}

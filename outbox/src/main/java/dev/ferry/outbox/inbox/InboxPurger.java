package dev.ferry.outbox.inbox;

import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Forgets received ids older than the retention, a small batch per transaction, so that no lock is
 * held long. Only this consumer's rows are purged.
 */
public final class InboxPurger {

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final InboxSettings settings;
    private final Clock clock;
    private final String sql;

    /**
     * @param dataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings table, consumer, retention and batch size
     * @param clock the clock
     */
    public InboxPurger(DataSource dataSource, SqlDialect dialect, InboxSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        this.sql = dialect.deleteLimited(settings.table(), "seq", "consumer = ? AND received_at < ?",
                settings.purgeBatchSize());
    }

    /**
     * Deletes one batch of expired ids.
     *
     * @return whether a full batch was deleted (more are probably waiting)
     * @throws SQLException from the database
     */
    public boolean purgeOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, settings.consumer());
                dialect.setInstant(ps, 2, clock.instant().minus(settings.retention()));
                int deleted = ps.executeUpdate();
                c.commit();
                return deleted >= settings.purgeBatchSize();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

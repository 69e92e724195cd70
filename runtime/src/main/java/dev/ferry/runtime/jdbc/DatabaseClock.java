package dev.ferry.runtime.jdbc;

import dev.ferry.runtime.sql.SqlDialect;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The database server's clock, read in this JVM: due times, deadlines and backoffs computed from
 * it agree with the database's {@link SqlDialect#currentTimestamp()}, whatever this JVM's wall
 * clock says. {@link #refresh()} reads the database's time; between reads the time moves on with
 * the JVM's monotonic clock ({@code System.nanoTime}), so {@link #instant()} never touches the
 * database (it is called inside application transactions) and a step of the JVM's wall clock does
 * not move it. Until the first successful read it is the JVM's clock. Thread-safe.
 */
public final class DatabaseClock extends Clock {

    private static final System.Logger LOG = System.getLogger(DatabaseClock.class.getName());

    /** The database's time at a moment of the monotonic clock. */
    private record Anchor(Instant databaseTime, long nanos) {
    }

    private final DataSource dataSource;
    private final String query;
    private final SqlDialect dialect;
    private final Duration refreshEvery;
    private final LongSupplier nanoTime;
    private volatile Anchor anchor;

    /**
     * @param dataSource a data source for local transactions (never called inside a JTA transaction)
     * @param dialect the database's dialect
     * @param refreshEvery how old a reading may grow before {@link #refreshIfOlder()} reads again
     * @param nanoTime the monotonic clock ({@code System::nanoTime})
     */
    public DatabaseClock(DataSource dataSource, SqlDialect dialect, Duration refreshEvery, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.query = dialect.selectValue(dialect.currentTimestamp() + " AS now");
        this.refreshEvery = refreshEvery;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads the database's time now. The reading is taken as the time halfway through the round
     * trip.
     *
     * @throws SQLException if the database cannot be read; the previous reading stays in force
     */
    public void refresh() throws SQLException {
        try (Connection c = LocalConnections.open(dataSource)) {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                long before = nanoTime.getAsLong();
                Instant databaseTime;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    databaseTime = dialect.getInstant(rs, "now");
                }
                long after = nanoTime.getAsLong();
                anchor = new Anchor(databaseTime, before + (after - before) / 2);
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Reads the database's time when the last reading is older than the refresh interval (or there
     * is none). A failure is logged and the previous reading stays in force.
     */
    public void refreshIfOlder() {
        Anchor a = anchor;
        if (a != null && nanoTime.getAsLong() - a.nanos() < refreshEvery.toNanos()) {
            return;
        }
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the database's clock (the last reading stays in force"
                    + (a == null ? "; until there is one, this JVM's clock is used" : "") + "): " + e);
        }
    }

    /** @return whether the database's time was read at least once */
    public boolean isSynchronized() {
        return anchor != null;
    }

    @Override
    public Instant instant() {
        Anchor a = anchor;
        if (a == null) {
            return Instant.now();
        }
        return a.databaseTime().plusNanos(nanoTime.getAsLong() - a.nanos());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock: it is always in UTC */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

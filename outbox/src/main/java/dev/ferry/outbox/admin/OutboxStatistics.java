package dev.ferry.outbox.admin;

import dev.ferry.outbox.OutboxStoreException;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Read-only figures of an outbox table for an operator's overview: the backlog per topic and the
 * messages published per minute, from the rows' own timestamps. Each call reads in a short local
 * transaction of its own on the worker data source. Thread-safe.
 */
public final class OutboxStatistics {

    /** At most this many delivered rows are read for {@link #publishedPerMinute}; beyond, the figures are low. */
    static final int MAX_DELIVERED_ROWS = 200_000;

    private final DataSource workerDataSource;
    private final SqlDialect dialect;
    private final TableName table;
    private final Clock clock;

    /**
     * @param workerDataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings names the table
     * @param clock the clock ages are measured with
     */
    public OutboxStatistics(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, Clock clock) {
        this.workerDataSource = workerDataSource;
        this.dialect = dialect;
        this.table = settings.table();
        this.clock = clock;
    }

    /** @return the outbox table these figures are of */
    public TableName table() {
        return table;
    }

    /**
     * @return per topic with pending or dead messages, its figures, by topic name
     * @throws OutboxStoreException if the database failed
     */
    public List<TopicFigures> topics() {
        String sql = "SELECT topic, status, COUNT(*) AS n, MIN(created_at) AS oldest FROM " + table
                + " WHERE status IN ('PENDING', 'DEAD') GROUP BY topic, status";
        Instant now = clock.instant();
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            Map<String, long[]> counts = new TreeMap<>();
            Map<String, Instant> oldest = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String topic = rs.getString("topic");
                    long[] n = counts.computeIfAbsent(topic, t -> new long[2]);
                    if ("PENDING".equals(rs.getString("status"))) {
                        n[0] = rs.getLong("n");
                        oldest.put(topic, dialect.getInstant(rs, "oldest"));
                    } else {
                        n[1] = rs.getLong("n");
                    }
                }
            }
            List<TopicFigures> figures = new ArrayList<>();
            counts.forEach((topic, n) -> {
                Instant at = oldest.get(topic);
                Duration age = at == null ? Duration.ZERO : Duration.between(at, now);
                figures.add(new TopicFigures(topic, n[0], at, age.isNegative() ? Duration.ZERO : age, n[1]));
            });
            return figures;
        }));
    }

    /**
     * Counts the messages delivered per minute, from their {@code delivered_at}. Delivered rows are
     * kept only for the outbox's {@code retention} (by default none is kept, and every count is 0).
     *
     * @param from the start of the first minute
     * @param minutes how many minutes, 1 to 1440
     * @return one count per minute, oldest first
     * @throws IllegalArgumentException if minutes is out of range
     * @throws OutboxStoreException if the database failed
     */
    public long[] publishedPerMinute(Instant from, int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("minutes must be 1 to 1440, was " + minutes);
        }
        String sql = "SELECT delivered_at FROM " + table + " WHERE status = 'DELIVERED' AND delivered_at >= ?"
                + " AND delivered_at < ?";
        Instant to = from.plus(Duration.ofMinutes(minutes));
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            long[] perMinute = new long[minutes];
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(MAX_DELIVERED_ROWS);
                dialect.setInstant(ps, 1, from);
                dialect.setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = dialect.getInstant(rs, "delivered_at");
                        int minute = (int) Duration.between(from, at).toMinutes();
                        if (minute >= 0 && minute < minutes) {
                            perMinute[minute]++;
                        }
                    }
                }
            }
            return perMinute;
        }));
    }

    private <T> T read(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new OutboxStoreException("Reading the figures of outbox " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** A read that may fail with the driver's exception. */
    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }
}

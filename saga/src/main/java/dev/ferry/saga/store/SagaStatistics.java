package dev.ferry.saga.store;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.jdbc.SeqCursor;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaStoreException;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Read-only figures of the saga tables for an operator's overview: how many sagas of each name are in
 * each status, how many finished or failed per minute (from the instances' {@code settled_at}), and the
 * trace context a saga was started in. Each call reads in a short local transaction of its own on the
 * worker data source. Thread-safe.
 */
public final class SagaStatistics {

    /** At most this many rows are read per chart; beyond, the figures are low. */
    static final int MAX_ROWS = 200_000;
    private static final String AUDIT_CURSOR = "saga-audit";

    private final DataSource workerDataSource;
    private final SqlDialect dialect;
    private final TableName instances;
    private final TableName traces;
    private final TableName steps;

    /**
     * @param workerDataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings names the tables
     */
    public SagaStatistics(DataSource workerDataSource, SqlDialect dialect, SagaSettings settings) {
        this.workerDataSource = workerDataSource;
        this.dialect = dialect;
        this.instances = settings.instanceTable();
        this.traces = SagaSchema.traceTable(settings);
        this.steps = settings.stepTable();
    }

    /**
     * @return per saga name (sorted), the number of its sagas in each status that has any
     * @throws SagaStoreException if the database failed
     */
    public Map<String, Map<SagaStatus, Long>> countsByNameAndStatus() {
        String sql = "SELECT saga_name, status, COUNT(*) AS n FROM " + instances + " GROUP BY saga_name, status";
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            Map<String, Map<SagaStatus, Long>> counts = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString("saga_name"), n -> new EnumMap<>(SagaStatus.class))
                            .put(SagaStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                }
            }
            return counts;
        }));
    }

    /**
     * Counts the sagas that reached one of the given statuses per minute, by their last change: for
     * {@code COMPLETED} the sagas finished, for {@code COMPENSATED}, {@code PARKED} and {@code SUSPENDED}
     * the ones that failed. A saga changed again since counts at its last change only.
     *
     * @param statuses the statuses
     * @param from the start of the first minute
     * @param minutes how many minutes, 1 to 1440
     * @return one count per minute, oldest first
     * @throws IllegalArgumentException if minutes is out of range or no status is given
     * @throws SagaStoreException if the database failed
     */
    public long[] perMinute(Set<SagaStatus> statuses, Instant from, int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("minutes must be 1 to 1440, was " + minutes);
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("perMinute needs at least one status");
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < statuses.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        // Settled statuses through the index _settled; settled_at equals updated_at where both are set.
        boolean settled = SettledStatuses.allSettled(statuses);
        String sql = "SELECT updated_at FROM " + instances + " WHERE status IN (" + in + ") AND " + (settled
                ? SettledStatuses.settledTime("{time} >= ? AND {time} < ?") : "updated_at >= ? AND updated_at < ?");
        Instant to = from.plus(Duration.ofMinutes(minutes));
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            long[] counts = new long[minutes];
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(MAX_ROWS);
                int i = 1;
                for (SagaStatus s : statuses) {
                    ps.setString(i++, s.name());
                }
                dialect.setInstant(ps, i++, from);
                dialect.setInstant(ps, i++, to);
                if (settled) {
                    dialect.setInstant(ps, i++, from);
                    dialect.setInstant(ps, i, to);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int minute = (int) Duration.between(from, dialect.getInstant(rs, "updated_at")).toMinutes();
                        if (minute >= 0 && minute < minutes) {
                            counts[minute]++;
                        }
                    }
                }
            }
            return counts;
        }));
    }

    /**
     * @param sagaId a saga
     * @return the W3C {@code traceparent} the saga was started in, if one was recorded (only with
     *     OpenTelemetry on)
     * @throws SagaStoreException if the database failed
     */
    public Optional<String> traceparent(UUID sagaId) {
        String sql = "SELECT traceparent FROM " + traces + " WHERE saga_id = ?";
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sagaId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        }));
    }

    /**
     * Lists the operator actions of every saga, newest first, a page at a time.
     *
     * @param limit at most this many, 1 to 1000
     * @param cursor the {@link AuditPage#nextCursor()} of the previous page, or null for the first
     * @return the page
     * @throws IllegalArgumentException if the limit is out of range or the cursor is not an audit cursor
     * @throws SagaStoreException if the database failed
     */
    public AuditPage audit(int limit, String cursor) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, was " + limit);
        }
        long before = cursor == null ? Long.MAX_VALUE : SeqCursor.decode(AUDIT_CURSOR, cursor);
        String sql = "SELECT seq, saga_id, step_name, outcome, attempt, recorded_at, error_message, actor FROM " + steps
                + " WHERE actor IS NOT NULL AND seq < ? ORDER BY seq DESC";
        return read(() -> LocalConnections.inTransaction(workerDataSource, c -> {
            List<AuditEntry> entries = new ArrayList<>();
            long last = before;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit + 1);
                ps.setLong(1, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (entries.size() == limit) {
                            more = true;
                            break;
                        }
                        last = rs.getLong("seq");
                        entries.add(new AuditEntry(UUID.fromString(rs.getString("saga_id").trim()),
                                new StepRecord(rs.getString("step_name"), StepOutcome.valueOf(rs.getString("outcome")),
                                        rs.getInt("attempt"), dialect.getInstant(rs, "recorded_at"),
                                        rs.getString("error_message"), rs.getString("actor"))));
                    }
                }
            }
            return new AuditPage(entries, more ? Optional.of(SeqCursor.encode(AUDIT_CURSOR, last)) : Optional.empty());
        }));
    }

    /**
     * An operator action on a saga.
     *
     * @param sagaId the saga
     * @param entry the audit entry, as {@link dev.ferry.saga.SagaView#audit()} gives it
     */
    public record AuditEntry(UUID sagaId, StepRecord entry) {
    }

    /**
     * A page of {@link #audit(int, String)}.
     *
     * @param items the entries, newest first
     * @param nextCursor the cursor of the next page; empty on the last
     */
    public record AuditPage(List<AuditEntry> items, Optional<String> nextCursor) {

        /**
         * Copies the items.
         *
         * @param items the entries, newest first
         * @param nextCursor the cursor of the next page; empty on the last
         */
        public AuditPage {
            items = List.copyOf(items);
        }
    }

    private <T> T read(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new SagaStoreException("Reading the figures of sagas in " + instances + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** A read that may fail with the driver's exception. */
    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }
}

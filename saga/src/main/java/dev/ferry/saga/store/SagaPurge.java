package dev.ferry.saga.store;

import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deletes finished sagas (COMPLETED, COMPENSATED, CANCELLED) that ended longer ago than the
 * retention ({@code settled_at}, the time of their last change), with their step logs and trace
 * contexts, a small batch per local transaction so that no lock is held long. Every delete names
 * the final statuses again, so a saga in flight is never touched; a final saga never changes again,
 * so the batch read first is the batch deleted.
 */
public final class SagaPurge {

    /** The statuses a saga ends in; only these are purged. */
    static final String FINAL = "('COMPLETED', 'COMPENSATED', 'CANCELLED')";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final TableName instanceTable;
    private final List<TableName> perSagaTables;
    /** The trace context table, written with OpenTelemetry only; it may be missing (V3 not applied). */
    private final TableName traceTable;
    /** Whether the trace table was seen; while it was not, every batch looks for it again. */
    private volatile boolean traceTableSeen;
    private final SagaSettings settings;
    private final Clock clock;

    /**
     * @param dataSource non-JTA connections for the purge's local transactions
     * @param dialect the database's dialect
     * @param settings the tables, the retention and the batch size
     * @param clock the clock
     */
    public SagaPurge(DataSource dataSource, SqlDialect dialect, SagaSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.instanceTable = settings.instanceTable();
        // Every table keyed by saga_id whose rows live as long as their saga.
        this.perSagaTables = List.of(settings.stepTable());
        this.traceTable = SagaSchema.traceTable(settings);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Deletes one batch of expired finished sagas and their per-saga rows.
     *
     * @return whether a full batch was deleted (more are probably waiting)
     * @throws SQLException from the database
     */
    public boolean purgeOnce() throws SQLException {
        int batchSize = settings.purgeBatchSize();
        return LocalConnections.inTransaction(dataSource, c -> {
            List<Long> seqs = new ArrayList<>(batchSize);
            List<String> ids = new ArrayList<>(batchSize);
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, id FROM " + instanceTable + " WHERE status IN "
                    + FINAL + " AND " + SettledStatuses.settledTime("{time} < ?"))) {
                ps.setMaxRows(batchSize);
                Instant cutoff = clock.instant().minus(settings.retention());
                dialect.setInstant(ps, 1, cutoff);
                dialect.setInstant(ps, 2, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && seqs.size() < batchSize) {
                        seqs.add(rs.getLong(1));
                        ids.add(rs.getString(2));
                    }
                }
            }
            if (seqs.isEmpty()) {
                return false;
            }
            for (TableName table : perSagaTables) {
                delete(c, "DELETE FROM " + table + " WHERE saga_id IN " + InList.placeholders(ids.size()), ids);
            }
            if (!traceTableSeen) {
                traceTableSeen = SchemaInstaller.tableExists(c, traceTable);
            }
            if (traceTableSeen) {
                delete(c, "DELETE FROM " + traceTable + " WHERE saga_id IN " + InList.placeholders(ids.size()), ids);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + instanceTable + " WHERE status IN "
                    + FINAL + " AND seq IN " + InList.placeholders(seqs.size()))) {
                InList.bind(ps, 1, seqs);
                ps.executeUpdate();
            }
            return seqs.size() >= batchSize;
        });
    }

    private static void delete(Connection c, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            ps.executeUpdate();
        }
    }
}

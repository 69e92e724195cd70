package dev.ferry.outbox.relay;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Records delivered messages one row per statement, sent as one batch, where the dialect binds keys
 * as an IN list (all but PostgreSQL).
 */
final class PerKeyDeliveredMarker implements DeliveredMarker {

    private final SqlDialect dialect;
    private final boolean retained;
    private final String sql;

    PerKeyDeliveredMarker(SqlDialect dialect, TableName table, boolean retained) {
        this.dialect = dialect;
        this.retained = retained;
        this.sql = DeliveredMarker.statement(table, retained, "seq = ?");
    }

    @Override
    public void mark(Connection c, List<Long> seqs, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int first = 1;
            if (retained) {
                dialect.setInstant(ps, first++, now);
            }
            // One row per statement (batched): a long IN list can be planned as a scan, which on
            // MariaDB would lock rows other relays hold and deadlock with them.
            for (Long seq : seqs) {
                ps.setLong(first, seq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Records delivered messages in one statement with their keys bound as one array, where the dialect
 * binds keys so ({@link SqlDialect#bindsKeysAsArray()}): one plan, point lookups, for any number of
 * keys.
 */
final class KeyArrayDeliveredMarker implements DeliveredMarker {

    private final SqlDialect dialect;
    private final TableName table;
    private final boolean retained;

    KeyArrayDeliveredMarker(SqlDialect dialect, TableName table, boolean retained) {
        this.dialect = dialect;
        this.table = table;
        this.retained = retained;
    }

    @Override
    public void mark(Connection c, List<Long> seqs, Instant now) throws SQLException {
        String sql = DeliveredMarker.statement(table, retained, dialect.inKeys("seq", seqs.size()));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int first = 1;
            if (retained) {
                dialect.setInstant(ps, first++, now);
            }
            dialect.bindKeys(ps, first, seqs);
            ps.executeUpdate();
        }
    }
}

package dev.ferry.runtime.purge;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.jdbc.StatementBinder;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Deletes expired rows a small batch per local transaction, so that a purge never holds many locks
 * or a long transaction: the outbox's retention and the inbox's both run on it.
 */
public final class BatchPurge {

    private final DataSource dataSource;
    private final String sql;
    private final int batchSize;

    /**
     * @param dataSource connections for the purge's local transactions
     * @param dialect the database's dialect
     * @param table the table
     * @param keyColumn its primary key column
     * @param where which rows are expired, with {@code ?} parameters
     * @param batchSize rows deleted per transaction
     */
    public BatchPurge(DataSource dataSource, SqlDialect dialect, TableName table, String keyColumn, String where,
                      int batchSize) {
        this.dataSource = dataSource;
        this.sql = dialect.deleteLimited(table, keyColumn, where, batchSize);
        this.batchSize = batchSize;
    }

    /**
     * Deletes one batch.
     *
     * @param params binds the condition's parameters
     * @return whether a full batch was deleted (more are probably waiting)
     * @throws SQLException from the database
     */
    public boolean deleteOnce(StatementBinder params) throws SQLException {
        return LocalConnections.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                params.bind(ps);
                return ps.executeUpdate() >= batchSize;
            }
        });
    }
}

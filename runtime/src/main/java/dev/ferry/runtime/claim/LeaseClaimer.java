package dev.ferry.runtime.claim;

import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.jdbc.RowMapper;
import dev.ferry.runtime.jdbc.StatementBinder;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Claims work rows for one worker: locks candidates without waiting for other workers' locks
 * ({@code SKIP LOCKED} or its equivalent), then writes a lease (owner and expiry) on them, in the
 * caller's local transaction. A worker that dies leaves leases that expire; another worker's claim
 * condition then accepts the rows again. Leases are written and tested by the database's clock
 * ({@link SqlDialect#currentTimestamp()}), so workers whose clocks disagree agree on them.
 *
 * <p>Tables claimed this way have a numeric key column and the columns {@code lease_owner}
 * (varchar) and {@code lease_until} (timestamp).
 */
public final class LeaseClaimer {

    private final SqlDialect dialect;
    private final TableName table;
    private final String keyColumn;

    /**
     * @param dialect the database's dialect
     * @param table the work table
     * @param keyColumn its numeric primary key column
     */
    public LeaseClaimer(SqlDialect dialect, TableName table, String keyColumn) {
        this.dialect = dialect;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /**
     * @param alias the table's alias in the condition, or null
     * @param dialect the database's dialect
     * @return the condition "the row has no live lease", by the database's clock, without parameters
     */
    public static String unleased(String alias, SqlDialect dialect) {
        String p = alias == null ? "" : alias + ".";
        return "(" + p + "lease_until IS NULL OR " + p + "lease_until < " + dialect.currentTimestamp() + ")";
    }

    /**
     * Selects and locks candidate rows, skipping rows locked by others. Must run in a transaction
     * (auto-commit off) that then calls {@link #lease}.
     *
     * @param c a connection with auto-commit off
     * @param columns the select list
     * @param alias the table's alias in {@code where}, or null
     * @param where the candidate condition
     * @param params binds the condition's parameters
     * @param orderBy the claim order
     * @param limit at most this many rows
     * @param mapper maps a row
     * @param <T> what a row becomes
     * @return the locked candidates in claim order
     * @throws SQLException from the driver
     */
    public <T> List<T> lockCandidates(Connection c, String columns, String alias, String where, StatementBinder params,
                                      String orderBy, int limit, RowMapper<T> mapper) throws SQLException {
        String from = alias == null ? table.qualified() : table.qualified() + " " + alias;
        String sql = dialect.selectForUpdateSkipLocked(columns, from, where, orderBy, limit);
        return ClaimQuery.run(c, dialect, dialect.claimTransactionSetup(), sql, limit, params, mapper);
    }

    /**
     * Writes a lease on rows.
     *
     * @param c the connection that locked them
     * @param keys their keys
     * @param owner the worker's id
     * @param duration how long the lease lasts, from the database's current time
     * @return how many rows were leased
     * @throws SQLException from the driver
     */
    public int lease(Connection c, Collection<Long> keys, String owner, Duration duration) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        String sql = "UPDATE " + table + " SET lease_owner = ?, lease_until = " + dialect.currentTimestampPlus()
                + " WHERE " + keyColumn + " IN " + InList.placeholders(keys.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            InList.bind(ps, dialect.bindInterval(ps, 2, duration), keys);
            return ps.executeUpdate();
        }
    }

    /**
     * Clears every lease of an owner (on a graceful stop).
     *
     * @param c a connection
     * @param owner the worker's id
     * @return how many leases were released
     * @throws SQLException from the driver
     */
    public int releaseAll(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")) {
            ps.setString(1, owner);
            return ps.executeUpdate();
        }
    }
}

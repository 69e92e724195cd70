package dev.ferry.runtime.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** PostgreSQL: {@code FOR UPDATE SKIP LOCKED} with {@code LIMIT}. */
public final class PostgresDialect implements SqlDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit) {
        return "SELECT " + columns + " FROM " + from + " WHERE " + where + " ORDER BY " + orderBy
                + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String backgroundReadSetup() {
        return "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off";
    }

    @Override
    public String claimTransactionSetup() {
        // The claim query must walk the pending index in order and stop at the limit. Until the table
        // has statistics (a new or freshly filled table) the planner may prefer sorting every pending
        // row instead, or scanning a table that is small when the plan is made and cached (the cached
        // plan then scans it however large it grows); and JIT compiling a query that runs in a
        // millisecond only slows it down.
        return "SET LOCAL jit = off; SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off";
    }

    @Override
    public String idleTransactionTimeout(Duration timeout) {
        return "SET LOCAL idle_in_transaction_session_timeout = " + Math.max(1, timeout.toMillis());
    }

    /**
     * The time the statement began (the same for every statement sent in one message), in UTC;
     * {@code statement_timestamp()} is stable, so a condition on it can use an index.
     */
    @Override
    public String currentTimestamp() {
        return "(statement_timestamp() AT TIME ZONE 'UTC')";
    }

    @Override
    public String currentTimestampPlus() {
        return "(" + currentTimestamp() + " + CAST(? AS BIGINT) * INTERVAL '1 microsecond')";
    }

    /** Allowed inside a transaction; the statements stay prepared, only their plans go. */
    @Override
    public String currentTransactionIdQuery() {
        return "SELECT txid_current()";
    }

    @Override
    public String discardCachedPlans() {
        return "DISCARD PLANS";
    }

    /** One array parameter: the statement's text, and so its prepared plan, is the same for any number of keys. */
    @Override
    public String inKeys(String column, int size) {
        return column + " = ANY (?)";
    }

    @Override
    public boolean bindsKeysAsArray() {
        return true;
    }

    @Override
    public int bindKeys(PreparedStatement ps, int firstIndex, Collection<Long> keys) throws SQLException {
        ps.setObject(firstIndex, keys.toArray(new Long[0]));
        return firstIndex + 1;
    }

    @Override
    public boolean locksInCommonTableExpressions() {
        return true;
    }

    @Override
    public boolean supportsWritableCtes() {
        return true;
    }

    @Override
    public boolean sendsStatementsTogether() {
        return true;
    }

    /** {@code LISTEN/NOTIFY}: see {@code dev.ferry.runtime.wake.CrossNodeWakeUps}. */
    @Override
    public boolean notifiesListeners() {
        return true;
    }

    @Override
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE FROM " + table + " WHERE " + keyColumn + " IN (SELECT " + keyColumn + " FROM " + table
                + " WHERE " + where + " ORDER BY " + keyColumn + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED)";
    }

    @Override
    public String createSchemaIfMissing(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + SqlIdentifier.require("schema", schema);
    }

    @Override
    public String insertIgnoringDuplicate(TableName table, List<String> columns,
                                          List<String> keyColumns) {
        return InsertSql.plain(table, columns, keyColumns) + " ON CONFLICT (" + String.join(", ", keyColumns)
                + ") DO NOTHING";
    }
}

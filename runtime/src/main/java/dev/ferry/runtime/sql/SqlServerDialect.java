package dev.ferry.runtime.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * SQL Server: table hints {@code UPDLOCK, READPAST, ROWLOCK} and {@code TOP}. SQL Server has no
 * setting that ends a transaction left idle ({@code LOCK_TIMEOUT} bounds waiting for a lock, not
 * holding one): a relay's open transaction ends when its connection does (a dead JVM's connection
 * is found by TCP keep-alive, 30 s by default), and a hung publisher is bounded by the relay's own
 * publish timeout.
 */
public final class SqlServerDialect implements SqlDialect {

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit) {
        return "SELECT TOP (" + limit + ") " + columns + " FROM " + from + " WITH (UPDLOCK, READPAST, ROWLOCK)"
                + " WHERE " + where + " ORDER BY " + orderBy;
    }

    @Override
    public String currentTimestamp() {
        return "SYSUTCDATETIME()";
    }

    /** {@code DATEADD} takes an {@code int}: seconds and the microseconds within the second apart. */
    @Override
    public String currentTimestampPlus() {
        return "DATEADD(MICROSECOND, ?, DATEADD(SECOND, ?, SYSUTCDATETIME()))";
    }

    @Override
    public int bindInterval(PreparedStatement ps, int index, Duration interval) throws SQLException {
        ps.setInt(index, interval.getNano() / 1000);
        ps.setInt(index + 1, Math.toIntExact(interval.getSeconds()));
        return index + 2;
    }

    @Override
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE TOP (" + limit + ") FROM " + table + " WITH (READPAST, ROWLOCK) WHERE " + where;
    }

    @Override
    public String createSchemaIfMissing(String schema) {
        String name = SqlIdentifier.require("schema", schema);
        return "IF SCHEMA_ID('" + name + "') IS NULL EXEC('CREATE SCHEMA " + name + "')";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 2627 || e.getErrorCode() == 2601 || SqlDialect.super.isUniqueViolation(e);
    }

    @Override
    public String insertIgnoringDuplicate(TableName table, List<String> columns,
                                          List<String> keyColumns) {
        InsertSql.check(columns, keyColumns);
        // HOLDLOCK: without it two concurrent MERGEs of one key may both find it missing.
        return "MERGE INTO " + table + " WITH (HOLDLOCK) AS t USING (VALUES (" + InsertSql.parameters(columns)
                + ")) AS s (" + InsertSql.columns(columns) + ") ON " + InsertSql.match(keyColumns)
                + " WHEN NOT MATCHED THEN INSERT (" + InsertSql.columns(columns) + ") VALUES ("
                + InsertSql.sourceValues(columns) + ");";
    }
}

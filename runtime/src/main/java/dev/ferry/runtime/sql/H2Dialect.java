package dev.ferry.runtime.sql;

import java.util.List;

/** H2 (2.x): {@code FOR UPDATE SKIP LOCKED} is accepted; H2 locks rows as it reads them. */
public final class H2Dialect implements SqlDialect {

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit) {
        return "SELECT " + columns + " FROM " + from + " WHERE " + where + " ORDER BY " + orderBy
                + " FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    }

    /**
     * H2 gives the time its transaction began (the same for every statement of the transaction);
     * H2 runs embedded in one JVM, so its clock is that JVM's. The session's local time less its
     * offset: a cast of a time with a zone to {@code TIMESTAMP} would give the session's local time.
     */
    @Override
    public String currentTimestamp() {
        return "DATEADD(MINUTE, -(EXTRACT(TIMEZONE_HOUR FROM CURRENT_TIMESTAMP(6)) * 60"
                + " + EXTRACT(TIMEZONE_MINUTE FROM CURRENT_TIMESTAMP(6))), LOCALTIMESTAMP(6))";
    }

    @Override
    public String currentTimestampPlus() {
        return "DATEADD(MICROSECOND, CAST(? AS BIGINT), " + currentTimestamp() + ")";
    }

    @Override
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE FROM " + table + " WHERE " + where + " LIMIT " + limit;
    }

    @Override
    public String createSchemaIfMissing(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + SqlIdentifier.require("schema", schema);
    }

    @Override
    public String insertIgnoringDuplicate(TableName table, List<String> columns,
                                          List<String> keyColumns) {
        InsertSql.check(columns, keyColumns);
        return "MERGE INTO " + table + " t USING (VALUES (" + InsertSql.parameters(columns) + ")) s ("
                + InsertSql.columns(columns) + ") ON " + InsertSql.match(keyColumns)
                + " WHEN NOT MATCHED THEN INSERT (" + InsertSql.columns(columns) + ")"
                + " VALUES (" + InsertSql.sourceValues(columns) + ")";
    }
}

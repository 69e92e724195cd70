package dev.ferry.runtime.sql;

import java.util.List;

/** SQL Server: table hints {@code UPDLOCK, READPAST, ROWLOCK} and {@code TOP}. */
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
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE TOP (" + limit + ") FROM " + table + " WITH (READPAST, ROWLOCK) WHERE " + where;
    }

    @Override
    public String createSchemaIfMissing(String schema) {
        String name = SqlIdentifier.require("schema", schema);
        return "IF SCHEMA_ID('" + name + "') IS NULL EXEC('CREATE SCHEMA " + name + "')";
    }

    @Override
    public boolean isUniqueViolation(java.sql.SQLException e) {
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

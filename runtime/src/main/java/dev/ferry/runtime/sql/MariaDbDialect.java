package dev.ferry.runtime.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * MariaDB (10.6 and later) and MySQL (8 and later): {@code FOR UPDATE SKIP LOCKED} with
 * {@code LIMIT}. A schema is a database.
 */
public final class MariaDbDialect implements SqlDialect {

    /** Shared by the per-read calendars (a calendar is not thread-safe; the zone is only read). */
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit) {
        return "SELECT " + columns + " FROM " + from + " WHERE " + where + " ORDER BY " + orderBy
                + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
    }

    /**
     * Reads through a UTC calendar: MariaDB Connector/J (3.5) decodes a {@code DATETIME} in the
     * JVM's default time zone even when asked for a {@code LocalDateTime}, which moves a UTC time
     * inside that zone's daylight-saving gap an hour later.
     */
    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return value == null ? null : value.toInstant();
    }

    @Override
    public String claimTransactionSetup() {
        // Under the default REPEATABLE READ a locking read also locks the gaps it scanned, which
        // would hold up writers inserting messages for as long as a claimed batch is in flight.
        return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    }

    @Override
    public String byPrimaryKey(String from) {
        return from + " FORCE INDEX (PRIMARY)";
    }

    @Override
    public boolean skipsLockedRowsInSubqueries() {
        return true;
    }

    @Override
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE FROM " + table + " WHERE " + where + " ORDER BY " + keyColumn + " LIMIT " + limit;
    }

    @Override
    public String createSchemaIfMissing(String schema) {
        return "CREATE DATABASE IF NOT EXISTS " + SqlIdentifier.require("schema", schema);
    }

    @Override
    public String insertIgnoringDuplicate(TableName table, List<String> columns,
                                          List<String> keyColumns) {
        // Callers bound their values' lengths: IGNORE would also turn a too-long value into a warning.
        return "INSERT IGNORE" + InsertSql.plain(table, columns, keyColumns).substring("INSERT".length());
    }
}

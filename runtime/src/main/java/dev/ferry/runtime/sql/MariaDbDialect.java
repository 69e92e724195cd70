package dev.ferry.runtime.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

    /** Whether the server has {@code idle_transaction_timeout} (MariaDB does, MySQL does not). */
    private final boolean endsIdleTransactions;

    /** The dialect of a MariaDB server. */
    public MariaDbDialect() {
        this(true);
    }

    private MariaDbDialect(boolean endsIdleTransactions) {
        this.endsIdleTransactions = endsIdleTransactions;
    }

    /** @return the dialect of a MySQL server, which has no setting that ends a transaction left idle */
    public static MariaDbDialect mysql() {
        return new MariaDbDialect(false);
    }

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
    public Instant getInstant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column, Calendar.getInstance(UTC));
        return value == null ? null : value.toInstant();
    }

    @Override
    public String claimTransactionSetup() {
        // Under the default REPEATABLE READ a locking read also locks the gaps it scanned, which
        // would hold up writers inserting messages for as long as a claimed batch is in flight.
        return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    }

    /**
     * MariaDB has no transaction-local setting, so the session's {@code idle_transaction_timeout}
     * (MariaDB 10.3 and later, in whole seconds, rounded up) is set and reset around the transaction
     * ({@link #idleTransactionTimeoutReset()}). When it passes, MariaDB closes the connection, which
     * rolls the transaction back and frees its rows. MySQL has no such variable.
     */
    @Override
    public String idleTransactionTimeout(Duration timeout) {
        if (!endsIdleTransactions) {
            return null;
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return "SET SESSION idle_transaction_timeout = " + seconds;
    }

    @Override
    public String idleTransactionTimeoutReset() {
        return !endsIdleTransactions ? null : "SET SESSION idle_transaction_timeout = DEFAULT";
    }

    /** The server's UTC time, whatever the session's time zone; constant within a statement. */
    @Override
    public String currentTimestamp() {
        return "UTC_TIMESTAMP(6)";
    }

    @Override
    public String currentTimestampPlus() {
        return "(UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)";
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

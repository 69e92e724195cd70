package dev.ferry.runtime.sql;

import dev.ferry.runtime.jdbc.InList;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * What differs between databases, in one place: claiming rows without waiting for other claimers'
 * locks, limited deletes, and the folder of the schema scripts. Timestamps are stored as UTC in
 * columns without a time zone on every database, written and read through {@link #setInstant}
 * and {@link #getInstant}.
 */
public interface SqlDialect {

    /** @return the dialect's name, also the folder of its schema scripts: {@code postgresql}, … */
    String name();

    /**
     * Builds a query that selects and locks at most {@code limit} rows, skipping rows other
     * transactions have locked. Callers also call {@code setMaxRows(limit)} on the statement, which
     * is what bounds the result where the database has no row limit next to a locking clause.
     *
     * @param columns the select list
     * @param from the validated table, optionally followed by an alias
     * @param where the condition, with {@code ?} parameters, without {@code WHERE}
     * @param orderBy the order, without {@code ORDER BY}
     * @param limit at most this many rows
     * @return the SQL text
     */
    String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit);

    /**
     * @return statements to run first in each claim transaction, or null for none (PostgreSQL keeps
     *     the claim query on its ordered index whatever the table's statistics say)
     */
    default String claimTransactionSetup() {
        return null;
    }

    /**
     * @return statements to run first in the transaction of a figure read in the background every few
     *     seconds (the outbox's backlog gauges), or null for none: on PostgreSQL no
     *     parallel workers and no JIT, so that a gauge does not take the cores the relay and the
     *     application use to finish a few milliseconds sooner
     */
    default String backgroundReadSetup() {
        return null;
    }

    /**
     * @param timeout how long a claim transaction may sit idle (while its batch is published)
     * @return a statement, run first in the transaction, after which the database ends the
     *     transaction (and frees its locks) once it has been idle that long; null where the
     *     database has no such per-transaction setting
     */
    default String idleTransactionTimeout(Duration timeout) {
        return null;
    }

    /**
     * @return a statement that undoes {@link #idleTransactionTimeout} on the connection once the
     *     transaction ended, where the setting outlives the transaction (a session variable), or null
     *     where it ends with the transaction. Where this is not null, the timeout is set only once a
     *     claim found work, and undone after its commit or rollback, so that a pooled connection
     *     handed to other code afterwards carries no timeout.
     */
    default String idleTransactionTimeoutReset() {
        return null;
    }

    /**
     * The database's current time, so that leases and due times are decided by one clock whatever
     * the JVMs' clocks say.
     *
     * @return an SQL expression for the database server's current time as a UTC timestamp without
     *     time zone (as timestamps are stored), to the microsecond where the database keeps them;
     *     the same value everywhere in one statement
     */
    String currentTimestamp();

    /**
     * @return an SQL expression for {@link #currentTimestamp()} plus an interval, with the
     *     parameters that {@link #bindInterval} binds (negative intervals go back in time)
     */
    String currentTimestampPlus();

    /**
     * Binds the interval of {@link #currentTimestampPlus()}, by default as one {@code BIGINT} of
     * microseconds.
     *
     * @param ps the statement
     * @param index the index of the expression's first parameter
     * @param interval the interval, to the microsecond
     * @return the index of the next parameter
     * @throws SQLException from the driver
     */
    default int bindInterval(PreparedStatement ps, int index, Duration interval) throws SQLException {
        ps.setLong(index, micros(interval));
        return index + 1;
    }

    /**
     * @param expression a value and its alias
     * @return a query of one row with that value ({@code SELECT expression}; Oracle needs {@code FROM dual})
     */
    default String selectValue(String expression) {
        return "SELECT " + expression;
    }

    /**
     * @param interval an interval
     * @return it in whole microseconds
     * @throws ArithmeticException when it does not fit in a long (about 292,000 years)
     */
    static long micros(Duration interval) {
        return Math.addExact(Math.multiplyExact(interval.getSeconds(), 1_000_000L), interval.getNano() / 1000);
    }

    /**
     * @return a query whose one value names the database transaction the connection is in, the
     *     same for every statement of one transaction and new for each statement in auto-commit
     *     mode; null where the database has none (Ferry then trusts the connection's auto-commit
     *     flag). Used to prove at start-up that Ferry's transactions enlist connections.
     */
    default String currentTransactionIdQuery() {
        return null;
    }

    /**
     * @return a statement that drops the plans the connection has cached for its prepared
     *     statements, so that they are planned again for the table as it is now (a plan made while
     *     a table was nearly empty scans it whole, and is kept until the table's statistics change,
     *     which without autovacuum is never); null where the database keeps no such plans
     */
    default String discardCachedPlans() {
        return null;
    }

    /**
     * @return whether a locking {@code SKIP LOCKED} query also skips rows locked by others where
     *     they are read in its subqueries (MariaDB does), so that such a subquery cannot be used
     *     to test whether another transaction's locked row exists
     */
    default boolean skipsLockedRowsInSubqueries() {
        return false;
    }

    /**
     * @return whether a {@code WITH} query may lock its rows ({@code FOR UPDATE SKIP LOCKED}) and
     *     the outer query compute more columns for the locked rows only (PostgreSQL)
     */
    default boolean locksInCommonTableExpressions() {
        return false;
    }

    /**
     * @param from a validated table, optionally followed by an alias
     * @return the table read through its primary key only, where the database takes a hint (so that
     *     a locking read by key locks no secondary index entries that other transactions need)
     */
    default String byPrimaryKey(String from) {
        return from;
    }

    /**
     * @return whether {@code UPDATE … RETURNING} may feed other statements through {@code WITH}
     *     (PostgreSQL), so that dependent writes go to the database as one statement
     */
    default boolean supportsWritableCtes() {
        return false;
    }

    /**
     * @return whether the driver sends a prepared statement made of several {@code ;}-separated
     *     statements in one round trip (PostgreSQL's does)
     */
    default boolean sendsStatementsTogether() {
        return false;
    }

    /**
     * @return whether one connection can wake another through the database ({@code LISTEN/NOTIFY} on
     *     PostgreSQL), so that a commit in one JVM wakes the relays of the others at once; where it
     *     cannot, they find the work at their next poll
     */
    default boolean notifiesListeners() {
        return false;
    }

    /**
     * @param column a numeric key column (validated or constant)
     * @param size how many keys will be bound
     * @return the condition "the column is one of the keys", bound by {@link #bindKeys}
     */
    default String inKeys(String column, int size) {
        return column + " IN " + InList.placeholders(size);
    }

    /**
     * @return whether {@link #inKeys} binds one array parameter (one statement, one plan, point
     *     lookups for any number of keys); where it does not, a long IN list may be planned as a
     *     scan, so writes by key go one key per statement, in a batch
     */
    default boolean bindsKeysAsArray() {
        return false;
    }

    /**
     * Binds the keys of a condition made by {@link #inKeys}.
     *
     * @param ps the statement
     * @param firstIndex the index of the condition's first parameter
     * @param keys the keys, as many as the condition was made for
     * @return the index of the next parameter
     * @throws SQLException from the driver
     */
    default int bindKeys(PreparedStatement ps, int firstIndex, Collection<Long> keys) throws SQLException {
        return InList.bind(ps, firstIndex, keys);
    }

    /**
     * Builds a statement deleting at most {@code limit} rows matching {@code where}, so purges run in
     * small transactions without long locks.
     *
     * @param table the table (validated)
     * @param keyColumn the table's primary key column
     * @param where the condition, with {@code ?} parameters, without {@code WHERE}
     * @param limit at most this many rows
     * @return the SQL text
     */
    String deleteLimited(TableName table, String keyColumn, String where, int limit);

    /**
     * @param schema the schema to create (validated)
     * @return a statement that creates it if it does not exist
     */
    String createSchemaIfMissing(String schema);

    /**
     * @param e an exception from an insert
     * @return whether it reports a unique or primary key violation
     */
    default boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Binds an instant as a UTC timestamp, truncated to microseconds (what every supported database
     * stores), so a value read back compares equal to the one written.
     *
     * @param ps the statement
     * @param index the parameter index
     * @param instant the value, may be null
     * @throws SQLException from the driver
     */
    default void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    /**
     * Reads a UTC timestamp column as a {@link LocalDateTime}, never through a {@code Timestamp}:
     * a {@code Timestamp} is made in the JVM's default time zone, where a UTC wall-clock time inside
     * a daylight-saving gap does not exist and would come back an hour later.
     *
     * @param rs the result set
     * @param column the column label
     * @return the instant, or null
     * @throws SQLException from the driver
     */
    default Instant getInstant(ResultSet rs, String column) throws SQLException {
        return getInstant(rs, rs.findColumn(column));
    }

    /**
     * Reads a time written by {@link #setInstant} by the column's position, as {@link
     * #getInstant(ResultSet, String)} does by its label (for rows read in bulk, where looking a
     * label up per value costs more than reading it).
     *
     * @param rs the result set
     * @param column the column's position, from 1
     * @return the instant, or null
     * @throws SQLException from the driver
     */
    default Instant getInstant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /**
     * Builds an insert of one row that does nothing when a row with the same unique key exists, so
     * that "insert unless already there" can run inside a longer transaction. The statement reports
     * an update count of 1 when it inserted and 0 when the key existed. Where the database can only
     * report the duplicate as an error (the default: a plain insert), the error is a unique
     * violation ({@link #isUniqueViolation}) that leaves the transaction usable; on PostgreSQL, where
     * a failed statement aborts the transaction, the dialect never reports one.
     *
     * @param table the table (validated)
     * @param columns the columns, bound as {@code ?} parameters in this order
     * @param keyColumns the columns of the unique key, a subset of {@code columns}
     * @return the SQL text
     */
    default String insertIgnoringDuplicate(TableName table, List<String> columns,
                                           List<String> keyColumns) {
        return InsertSql.plain(table, columns, keyColumns);
    }
}

package dev.ferry.runtime.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Oracle (12c and later): {@code FOR UPDATE SKIP LOCKED}. Oracle refuses a row limit beside a
 * locking clause, so the claim query has none and the statement's {@code maxRows} bounds it (rows
 * are locked as they are fetched). Oracle has no per-session setting that ends a transaction left
 * idle (a profile's {@code IDLE_TIME} and the Resource Manager's {@code MAX_IDLE_BLOCKER_TIME} are set
 * by a DBA for a user or a consumer group): a relay's open transaction ends when its connection does,
 * and a hung publisher is bounded by the relay's own publish timeout.
 */
public final class OracleDialect implements SqlDialect {

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public String selectForUpdateSkipLocked(String columns, String from, String where, String orderBy, int limit) {
        return "SELECT " + columns + " FROM " + from + " WHERE " + where + " ORDER BY " + orderBy
                + " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String currentTimestamp() {
        return "SYS_EXTRACT_UTC(SYSTIMESTAMP)";
    }

    @Override
    public String currentTimestampPlus() {
        return "(SYS_EXTRACT_UTC(SYSTIMESTAMP) + NUMTODSINTERVAL(?, 'SECOND'))";
    }

    @Override
    public String selectValue(String expression) {
        return "SELECT " + expression + " FROM dual";
    }

    /** Seconds as a decimal, to the microsecond. */
    @Override
    public int bindInterval(PreparedStatement ps, int index, Duration interval) throws SQLException {
        ps.setBigDecimal(index, BigDecimal.valueOf(SqlDialect.micros(interval), 6));
        return index + 1;
    }

    /** The condition in parentheses: {@code ROWNUM} must bound all of it, also a condition with {@code OR}. */
    @Override
    public String deleteLimited(TableName table, String keyColumn, String where, int limit) {
        return "DELETE FROM " + table + " WHERE (" + where + ") AND ROWNUM <= " + limit;
    }

    /**
     * Oracle's schemas are users, which Ferry does not create: the block only checks that the schema
     * exists, and fails naming it if it does not (an unquoted name, as Ferry writes them, is upper case
     * in the dictionary). {@code ALL_USERS} lists every user to any session.
     */
    @Override
    public String createSchemaIfMissing(String schema) {
        String name = SqlIdentifier.require("schema", schema);
        return "DECLARE n NUMBER; BEGIN SELECT COUNT(*) INTO n FROM all_users WHERE username = UPPER('" + name
                + "'); IF n = 0 THEN RAISE_APPLICATION_ERROR(-20001, 'Ferry does not create Oracle schemas (they are"
                + " users): create schema " + name + " first'); END IF; END;";
    }

    @Override
    public String insertIgnoringDuplicate(TableName table, List<String> columns,
                                          List<String> keyColumns) {
        InsertSql.check(columns, keyColumns);
        StringBuilder select = new StringBuilder();
        for (String c : columns) {
            select.append(select.length() == 0 ? "" : ", ").append("? AS ").append(c);
        }
        // A concurrent MERGE of the same key fails with ORA-00001 (a unique violation) once the first
        // commits; the statement alone is rolled back, the transaction stays usable.
        return "MERGE INTO " + table + " t USING (SELECT " + select + " FROM dual) s ON (" + InsertSql.match(keyColumns)
                + ") WHEN NOT MATCHED THEN INSERT (" + InsertSql.columns(columns) + ") VALUES ("
                + InsertSql.sourceValues(columns) + ")";
    }
}

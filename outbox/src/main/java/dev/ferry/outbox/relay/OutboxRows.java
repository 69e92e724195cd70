package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.DeadMessagePolicy;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The outbox table as the relay reads it: the columns a claim selects, the condition that makes a
 * row its key's head, and a row read as a {@link ClaimedMessage}. The table's alias is {@code m}.
 */
final class OutboxRows {

    /** The columns a claim selects, as {@link #read} reads them. */
    static final String COLUMNS = "m.seq, m.id, m.topic, m.msg_key, m.msg_type, m.content_type, m.payload,"
            + " m.headers, m.created_at, m.attempts";
    /** How many columns {@link #COLUMNS} names: a column a claim selects after them is the next one. */
    static final int COLUMN_COUNT = 10;

    private final SqlDialect dialect;
    private final TableName table;
    private final DeadMessagePolicy deadMessagePolicy;
    private final JsonCodec json;
    private final String headCondition;

    OutboxRows(SqlDialect dialect, OutboxSettings settings, JsonCodec json) {
        this.dialect = dialect;
        this.table = settings.table();
        this.deadMessagePolicy = settings.deadMessagePolicy();
        this.json = json;
        this.headCondition = "m.seq >= ? AND m.status = 'PENDING' AND m.available_at <= ?"
                + " AND (m.msg_key IS NULL OR NOT EXISTS (SELECT 1 FROM " + table + " e WHERE e.msg_key = m.msg_key"
                + " AND e.seq < m.seq AND " + waitingStatus("e") + "))";
    }

    /** @return the outbox table */
    TableName table() {
        return table;
    }

    /** @return the condition "the row is a due head", with the parameters {@link #bindHeadCondition} binds */
    String headCondition() {
        return headCondition;
    }

    /** Binds the head condition's parameters: the lowest sequence number to look at, and the time. */
    void bindHeadCondition(PreparedStatement ps, long floor, Instant now) throws SQLException {
        ps.setLong(1, floor);
        dialect.setInstant(ps, 2, now);
    }

    /** @return the column {@code has_next}: 1 when a pending message of the row's key follows it */
    String hasNext(String alias) {
        return hasNextValue(alias) + " AS has_next";
    }

    /** @return {@link #hasNext}'s value without its name: 1 when a pending message of the row's key follows it */
    String hasNextValue(String alias) {
        return "CASE WHEN " + alias + ".msg_key IS NOT NULL AND EXISTS (SELECT 1 FROM " + table + " f"
                + " WHERE f.msg_key = " + alias + ".msg_key AND f.seq > " + alias + ".seq AND f.status = 'PENDING')"
                + " THEN 1 ELSE 0 END";
    }

    /** The statuses that hold up later messages of the same key. */
    String waitingStatus(String alias) {
        return deadMessagePolicy == DeadMessagePolicy.HOLD_KEY
                ? alias + ".status IN ('PENDING', 'DEAD')" : alias + ".status = 'PENDING'";
    }

    /**
     * Reads a row selected with {@link #COLUMNS} (its first columns, in that order) as the message
     * the publisher sees, with its attempt counted. Columns are read by position: a claim reads
     * thousands of rows a second, and a label costs a lookup per value.
     */
    ClaimedMessage read(ResultSet rs) throws SQLException {
        int attempts = rs.getInt(10);
        OutgoingMessage message = new OutgoingMessage(
                UUID.fromString(rs.getString(2)),
                rs.getLong(1),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getBytes(7),
                json.headersFromText(rs.getString(8)),
                dialect.getInstant(rs, 9),
                attempts + 1);
        return new ClaimedMessage(message, attempts);
    }
}

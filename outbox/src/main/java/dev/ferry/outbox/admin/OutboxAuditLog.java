package dev.ferry.outbox.admin;

import dev.ferry.outbox.OutboxAction;
import dev.ferry.outbox.OutboxAuditEntry;
import dev.ferry.outbox.OutboxAuditPage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.jdbc.SeqCursor;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the outbox's audit table ({@code <outbox table>_audit}, migration V4): one row per replay
 * or discard, written in the action's transaction, read newest first.
 */
public final class OutboxAuditLog {

    /** The audit table's component in the migrations, {@code ${outbox_audit_table}}. */
    public static final String COMPONENT = "outbox_audit";
    /** The longest reason kept; longer ones are cut. */
    static final int MAX_REASON = 2000;
    private static final String CURSOR_KIND = "outbox-audit";

    private final SqlDialect dialect;
    private final TableName table;

    /**
     * @param dialect the database's dialect
     * @param settings names the outbox table
     */
    OutboxAuditLog(SqlDialect dialect, OutboxSettings settings) {
        this.dialect = dialect;
        this.table = table(settings);
    }

    /**
     * @param settings names the outbox table
     * @return the audit table: the outbox table's name with {@code _audit} (the migrations'
     *     {@code ${outbox_audit_table}} must be set to that name)
     */
    public static TableName table(OutboxSettings settings) {
        return new TableName(settings.table().schema(), settings.table().table() + "_audit");
    }

    void append(Connection c, OutboxAction action, UUID messageId, String topic, int affected, String actor,
                String reason, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (action, message_id, topic, affected, actor, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, action.name());
            ps.setString(2, messageId == null ? null : messageId.toString());
            ps.setString(3, topic);
            ps.setInt(4, affected);
            ps.setString(5, actor);
            ps.setString(6, reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON));
            dialect.setInstant(ps, 7, at);
            ps.executeUpdate();
        }
    }

    OutboxAuditPage page(Connection c, int limit, String cursor) throws SQLException {
        long before = cursor == null ? Long.MAX_VALUE : SeqCursor.decode(CURSOR_KIND, cursor);
        List<OutboxAuditEntry> entries = new ArrayList<>();
        long lastSeq = before;
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, action, message_id, topic, affected, actor,"
                + " reason, recorded_at FROM " + table + " WHERE seq < ? ORDER BY seq DESC")) {
            ps.setMaxRows(limit + 1);
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (entries.size() == limit) {
                        more = true;
                        break;
                    }
                    lastSeq = rs.getLong("seq");
                    String id = rs.getString("message_id");
                    entries.add(new OutboxAuditEntry(OutboxAction.valueOf(rs.getString("action")),
                            id == null ? null : UUID.fromString(id.trim()), rs.getString("topic"),
                            rs.getInt("affected"), rs.getString("actor"), rs.getString("reason"),
                            dialect.getInstant(rs, "recorded_at")));
                }
            }
        }
        return new OutboxAuditPage(entries, more ? Optional.of(SeqCursor.encode(CURSOR_KIND, lastSeq))
                : Optional.empty());
    }
}

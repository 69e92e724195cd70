package dev.ferry.outbox.admin;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.OutboxStoreException;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** {@link OutboxAdmin} over JDBC, in short local transactions of its own. */
public final class JdbcOutboxAdmin implements OutboxAdmin {

    private static final System.Logger LOG = System.getLogger(JdbcOutboxAdmin.class.getName());

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final TableName table;
    private final Runnable afterReplay;
    private final Clock clock;

    /**
     * @param dataSource non-JTA connections
     * @param dialect the database's dialect
     * @param settings the outbox settings (table)
     * @param afterReplay run after messages were replayed (wakes the relay)
     * @param clock the clock
     */
    public JdbcOutboxAdmin(DataSource dataSource, SqlDialect dialect, OutboxSettings settings, Runnable afterReplay,
                           Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = settings.table();
        this.afterReplay = afterReplay;
        this.clock = clock;
    }

    @Override
    public List<DeadMessage> deadMessages(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        String sql = "SELECT id, topic, msg_key, msg_type, attempts, last_error, created_at FROM " + table
                + " WHERE status = 'DEAD' ORDER BY seq";
        return inTransaction(c -> {
            List<DeadMessage> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dead.add(new DeadMessage(UUID.fromString(rs.getString("id")), rs.getString("topic"),
                                rs.getString("msg_key"), rs.getString("msg_type"), rs.getInt("attempts"),
                                rs.getString("last_error"), dialect.getInstant(rs, "created_at")));
                    }
                }
            }
            return dead;
        });
    }

    @Override
    public boolean replay(UUID id) {
        return replayWhere("id = ?", id) > 0;
    }

    @Override
    public int replayAll() {
        return replayWhere(null, null);
    }

    private int replayWhere(String condition, UUID id) {
        String sql = "UPDATE " + table + " SET status = 'PENDING', attempts = 0, available_at = ?"
                + " WHERE status = 'DEAD'" + (condition == null ? "" : " AND " + condition);
        int n = inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                dialect.setInstant(ps, 1, clock.instant());
                if (id != null) {
                    ps.setString(2, id.toString());
                }
                return ps.executeUpdate();
            }
        });
        if (n > 0) {
            afterReplay.run();
        }
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": replayed " + (id == null ? n + " dead messages"
                : n > 0 ? "dead message " + id : "nothing (message " + id + " is not dead)"));
        return n;
    }

    @Override
    public boolean discard(UUID id) {
        int n = inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE status = 'DEAD' AND id = ?")) {
                ps.setString(1, id.toString());
                return ps.executeUpdate();
            }
        });
        if (n > 0) {
            afterReplay.run();
        }
        LOG.log(System.Logger.Level.INFO, "Outbox " + table + ": " + (n > 0 ? "discarded dead message " + id
                : "discarded nothing (message " + id + " is not dead)"));
        return n > 0;
    }

    @Override
    public long pendingCount() {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE status = 'PENDING'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private <T> T inTransaction(LocalConnections.Work<T> work) {
        try {
            return LocalConnections.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new OutboxStoreException("Outbox admin action on " + table + " failed: " + e.getMessage(), e);
        }
    }
}

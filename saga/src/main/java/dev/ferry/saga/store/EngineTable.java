package dev.ferry.saga.store;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The engine table: one row per engine identity ({@code workerId}) naming the incarnation (one run of
 * an engine) that holds it and when that incarnation last beat. Every change but the first insert is
 * fenced by the incarnation, so two incarnations can never both believe they hold an identity.
 */
public final class EngineTable {

    private final SqlDialect dialect;
    private final String table;

    /**
     * @param dialect the database's dialect
     * @param table the engine table
     */
    public EngineTable(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table.qualified();
    }

    /**
     * An identity's holder as stored.
     *
     * @param incarnation the incarnation holding it
     * @param heartbeatAt its last heartbeat, or null once it left
     */
    public record Holder(String incarnation, Instant heartbeatAt) {
    }

    /**
     * @param c a connection
     * @param engineId an identity
     * @return its holder, or null when no engine ever held it
     * @throws SQLException from the driver
     */
    public Holder find(Connection c, String engineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT incarnation, heartbeat_at FROM " + table + " WHERE engine_id = ?")) {
            ps.setString(1, engineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Holder(rs.getString(1), dialect.getInstant(rs, "heartbeat_at")) : null;
            }
        }
    }

    /**
     * @param c a connection
     * @param engineId an identity no engine held before
     * @param incarnation the incarnation taking it
     * @param now the time
     * @throws SQLException from the driver, also when another engine inserted it first
     */
    public void insert(Connection c, String engineId, String incarnation, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (engine_id, incarnation, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, engineId);
            ps.setString(2, incarnation);
            dialect.setInstant(ps, 3, now);
            dialect.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
    }

    /**
     * @param c a connection
     * @param engineId an identity
     * @param from the incarnation that held it
     * @param to the incarnation taking it over
     * @param now the time
     * @return whether it was taken over (false when another incarnation changed it meanwhile)
     * @throws SQLException from the driver
     */
    public boolean takeOver(Connection c, String engineId, String from, String to, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET incarnation = ?, started_at = ?, heartbeat_at = ? WHERE engine_id = ? AND incarnation = ?")) {
            ps.setString(1, to);
            dialect.setInstant(ps, 2, now);
            dialect.setInstant(ps, 3, now);
            ps.setString(4, engineId);
            ps.setString(5, from);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * @param c a connection
     * @param engineId an identity
     * @param incarnation the incarnation beating
     * @param at the heartbeat's time, or null when the incarnation leaves
     * @return whether the incarnation still holds the identity
     * @throws SQLException from the driver
     */
    public boolean beat(Connection c, String engineId, String incarnation, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table + " SET heartbeat_at = ? WHERE engine_id = ? AND incarnation = ?")) {
            dialect.setInstant(ps, 1, at);
            ps.setString(2, engineId);
            ps.setString(3, incarnation);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Forgets identities no engine has beaten for since a time (a Java SE engine's random id is
     * used once), so the table stays small.
     *
     * @param c a connection
     * @param before rows whose last heartbeat (or start, once left) is older are deleted
     * @return how many were deleted
     * @throws SQLException from the driver
     */
    public int forgetOlderThan(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM " + table + " WHERE COALESCE(heartbeat_at, started_at) < ?")) {
            dialect.setInstant(ps, 1, before);
            return ps.executeUpdate();
        }
    }
}

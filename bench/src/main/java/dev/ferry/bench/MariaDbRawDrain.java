package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw drain's unit of work on MariaDB: one transaction that locks the first {@link #BATCH} rows
 * nobody holds ({@code SELECT seq … ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED}), deletes them by
 * key and commits: three round trips. MariaDB cannot do it in PostgreSQL's one statement: a
 * {@code LIMIT} is not allowed in an {@code IN} subquery, and through a derived table the
 * {@code DELETE}'s own scan waits for the rows another connection holds, {@code SKIP LOCKED} or not.
 */
final class MariaDbRawDrain implements AutoCloseable {

    static final int BATCH = 100;

    private final Connection connection;
    private final PreparedStatement lock;
    private final PreparedStatement delete;

    /**
     * @param connection a connection used by this drain only; auto-commit is turned off
     * @param table the qualified table
     */
    MariaDbRawDrain(Connection connection, String table) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.lock = connection.prepareStatement("SELECT seq FROM " + table + " ORDER BY seq LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED");
        this.delete = connection.prepareStatement("DELETE FROM " + table + " WHERE seq IN ("
                + "?,".repeat(BATCH - 1) + "?)");
    }

    /** @return rows deleted (committed), 0 when none was left unlocked */
    int deleteBatch() throws SQLException {
        List<Long> seqs = new ArrayList<>(BATCH);
        try (ResultSet rs = lock.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        if (seqs.isEmpty()) {
            connection.commit();
            return 0;
        }
        for (int i = 0; i < BATCH; i++) {
            delete.setLong(i + 1, seqs.get(Math.min(i, seqs.size() - 1))); // a short batch repeats its last key
        }
        int deleted = delete.executeUpdate();
        connection.commit();
        return deleted;
    }

    /** Closes the statements; the connection is the caller's. */
    @Override
    public void close() throws SQLException {
        lock.close();
        delete.close();
    }
}

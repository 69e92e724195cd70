package dev.ferry.saga.store;

import dev.ferry.runtime.claim.LeaseClaimer;
import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.SagaStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The SQL of the saga instance table. Every change names the row version it was based on (and, for
 * a worker, its lease), so stale writers change nothing. Methods run on the caller's connection
 * and transaction. How a claim locks and leases differs by database (on PostgreSQL it is one
 * statement); the store chooses the way once, from the dialect.
 */
public final class SagaStore {

    /**
     * A timestamp that may be null, written as a flag and a value that never is: PostgreSQL's driver
     * types a null as unknown and a time as {@code timestamp}, and a statement whose parameter types
     * change from one execution to the next is parsed and planned again each time.
     */
    private static final String NULLABLE_INSTANT = "CASE WHEN ? = 1 THEN ? END";

    private final SqlDialect dialect;
    private final TableName table;
    private final SagaRows rows;
    private final LeaseClaimer claimer;
    private final SagaClaim claim;
    private final String fencedUpdate;
    private final String unfencedUpdate;

    /**
     * @param dialect the database's dialect
     * @param table the instance table
     */
    public SagaStore(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
        this.rows = new SagaRows(dialect);
        this.claimer = new LeaseClaimer(dialect, table, "seq");
        this.claim = dialect.supportsWritableCtes()
                ? new OneStatementSagaClaim(dialect, table, rows)
                : new LockThenLeaseSagaClaim(dialect, claimer, rows);
        this.fencedUpdate = buildUpdateSql(true);
        this.unfencedUpdate = buildUpdateSql(false);
    }

    private String buildUpdateSql(boolean fenced) {
        // The lease is renewed by the database's clock: 1 and the lease's duration, or 0 to clear it.
        return "UPDATE " + table + " SET status = ?, current_step = ?, attempts = ?, saga_data = ?,"
                + " deadline_at = " + NULLABLE_INSTANT + ", next_run_at = " + NULLABLE_INSTANT + ", last_error = ?,"
                + " lease_owner = ?,"
                + " lease_until = CASE WHEN ? = 1 THEN " + dialect.currentTimestampPlus() + " ELSE NULL END,"
                + " row_version = ?, updated_at = ?, settled_at = " + NULLABLE_INSTANT
                + " WHERE seq = ? AND row_version = ?"
                + (fenced ? " AND lease_owner = ?" : "");
    }

    /**
     * Inserts a new saga, due at once.
     *
     * @param c the connection
     * @param id its id
     * @param name its name
     * @param definitionVersion the version of its definition it runs on
     * @param idempotencyKey its idempotency key, or null
     * @param firstStep the first step
     * @param data its data as JSON
     * @param now the time
     * @throws SQLException from the driver (a unique violation when the key exists)
     */
    public void insert(Connection c, UUID id, String name, int definitionVersion, String idempotencyKey,
                       String firstStep, String data, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, saga_name, definition_version,"
                + " idempotency_key, status, current_step, attempts, saga_data, row_version, next_run_at, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?)")) {
            ps.setString(1, id.toString());
            ps.setString(2, name);
            ps.setInt(3, definitionVersion);
            ps.setString(4, idempotencyKey);
            ps.setString(5, SagaStatus.RUNNING.name());
            ps.setString(6, firstStep);
            ps.setString(7, data);
            dialect.setInstant(ps, 8, now);
            dialect.setInstant(ps, 9, now);
            dialect.setInstant(ps, 10, now);
            ps.executeUpdate();
        }
    }

    /**
     * @param c the connection
     * @param name a saga name
     * @param idempotencyKey an idempotency key
     * @return the id of the saga with that key, or null
     * @throws SQLException from the driver
     */
    public UUID findIdByKey(Connection c, String name, String idempotencyKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table
                + " WHERE saga_name = ? AND idempotency_key = ?")) {
            ps.setString(1, name);
            ps.setString(2, idempotencyKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? UUID.fromString(rs.getString(1)) : null;
            }
        }
    }

    /**
     * @param c the connection
     * @param id a saga id
     * @return the saga, or null
     * @throws SQLException from the driver
     */
    public SagaRow find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SagaRows.COLUMNS + " FROM " + table
                + " WHERE id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rows.map(rs) : null;
            }
        }
    }

    /**
     * Locks a saga's row until the end of the caller's transaction (portably, with an update that
     * changes nothing), so that the row read next is current and cannot change before the caller
     * writes it. Workers claiming with {@code SKIP LOCKED} pass it by; a worker's write waits.
     *
     * @param c the connection, in a transaction
     * @param id the saga id
     * @throws SQLException from the driver
     */
    public void lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET row_version = row_version WHERE id = ?")) {
            ps.setString(1, id.toString());
            ps.executeUpdate();
        }
    }

    /**
     * @param c the connection
     * @param status a status
     * @param limit at most this many
     * @return sagas in that status, oldest first
     * @throws SQLException from the driver
     */
    public List<SagaRow> list(Connection c, SagaStatus status, int limit) throws SQLException {
        List<SagaRow> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SagaRows.COLUMNS + " FROM " + table
                + " WHERE status = ? ORDER BY seq")) {
            ps.setMaxRows(limit);
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found.size() < limit) {
                    found.add(rows.map(rs));
                }
            }
        }
        return found;
    }

    /**
     * Claims due sagas of the given names that no live lease holds, and leases them to the owner.
     * The caller commits.
     *
     * @param c a non-JTA connection with auto-commit off
     * @param names the saga names this worker runs
     * @param limit at most this many
     * @param owner the worker's id
     * @param lease how long the lease lasts, from the database's current time (due times and
     *     leases are tested by the database's clock too)
     * @return the claimed sagas, most overdue first
     * @throws SQLException from the driver
     */
    public List<SagaRow> claim(Connection c, List<String> names, int limit, String owner, Duration lease)
            throws SQLException {
        return claim.run(c, new DueSagas(names), limit, owner, lease);
    }

    /**
     * Writes a change if the row is still at the version it was read at (and, for a worker, still
     * leased to it).
     *
     * @param c the connection
     * @param from the row as read
     * @param to the change
     * @param fenceOwner the worker that must hold the lease, or null for an operator's change
     * @param lease how long the renewed lease lasts, from the database's time, when the change holds it
     * @param now the time
     * @return whether the row was changed (false: someone else changed it first)
     * @throws SQLException from the driver
     */
    public boolean update(Connection c, SagaRow from, SagaUpdate to, String fenceOwner, Duration lease,
                          Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateSql(fenceOwner != null))) {
            bindUpdate(ps, 1, from, to, fenceOwner, lease, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** @return the text of {@link #update}, its parameters bound by {@link #bindUpdate} */
    String updateSql(boolean fenced) {
        return fenced ? fencedUpdate : unfencedUpdate;
    }

    /** Binds the parameters of {@link #updateSql} from {@code first} on; @return the next index. */
    int bindUpdate(PreparedStatement ps, int first, SagaRow from, SagaUpdate to, String fenceOwner,
                   Duration lease, Instant now) throws SQLException {
        boolean hold = to.holdLease() && fenceOwner != null && lease != null;
        int i = first;
        ps.setString(i++, to.status().name());
        ps.setString(i++, to.currentStep());
        ps.setInt(i++, to.attempts());
        ps.setString(i++, to.data());
        i = bindNullable(ps, i, to.deadlineAt());
        i = bindNullable(ps, i, to.nextRunAt());
        ps.setString(i++, ErrorText.fit(to.lastError()));
        ps.setString(i++, hold ? fenceOwner : null);
        ps.setInt(i++, hold ? 1 : 0);
        i = dialect.bindInterval(ps, i, hold ? lease : Duration.ZERO);
        ps.setLong(i++, from.version() + 1);
        dialect.setInstant(ps, i++, now);
        i = bindNullable(ps, i, settledAt(to, now));
        ps.setLong(i++, from.seq());
        ps.setLong(i++, from.version());
        if (fenceOwner != null) {
            ps.setString(i++, fenceOwner);
        }
        return i;
    }

    /** Binds {@link #NULLABLE_INSTANT} at {@code i}; @return the next index. */
    private int bindNullable(PreparedStatement ps, int i, Instant value) throws SQLException {
        ps.setInt(i, value == null ? 0 : 1);
        dialect.setInstant(ps, i + 1, value == null ? Instant.EPOCH : value);
        return i + 2;
    }

    /**
     * The {@code settled_at} a write leaves: null while the saga moves; in a status no worker acts
     * on, the write's time, as its {@code updated_at}. A step's progress write thus changes no indexed
     * column (its {@code updated_at} is in none): PostgreSQL updates the row in place.
     */
    private static Instant settledAt(SagaUpdate to, Instant now) {
        return SettledStatuses.settled(to.status()) ? now : null;
    }

    /**
     * Clears a worker's lease on a saga it stops working on, if the saga is unchanged since.
     *
     * @param c the connection
     * @param row the saga as the worker last wrote or read it
     * @param owner the worker's id
     * @return whether the lease was released
     * @throws SQLException from the driver
     */
    public boolean release(Connection c, SagaRow row, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET lease_owner = NULL,"
                + " lease_until = NULL WHERE seq = ? AND row_version = ? AND lease_owner = ?")) {
            ps.setLong(1, row.seq());
            ps.setLong(2, row.version());
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Clears every lease of a worker (on a graceful stop).
     *
     * @param c the connection
     * @param owner the worker's id
     * @return how many leases were released
     * @throws SQLException from the driver
     */
    public int releaseAll(Connection c, String owner) throws SQLException {
        return claimer.releaseAll(c, owner);
    }

    /**
     * Counts the sagas of the given names that are still moving (RUNNING, WAITING or COMPENSATING),
     * by name and definition version.
     *
     * @param c the connection
     * @param names saga names
     * @return name → version → count, for the versions with at least one
     * @throws SQLException from the driver
     */
    public Map<String, Map<Integer, Long>> countInFlight(Connection c, List<String> names) throws SQLException {
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        if (names.isEmpty()) {
            return counts;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT saga_name, definition_version, COUNT(*) FROM " + table
                + " WHERE status IN (?, ?, ?) AND saga_name IN " + InList.placeholders(names.size())
                + " GROUP BY saga_name, definition_version")) {
            int i = bindMoving(ps, 1);
            for (String n : names) {
                ps.setString(i++, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }

    /**
     * Parks every moving saga of one name and definition version for an operator: a saga in
     * compensation as {@link SagaStatus#PARKED}, any other as {@link SagaStatus#SUSPENDED}. A worker
     * working on one finds it changed and rolls back.
     *
     * @param c the connection
     * @param name the saga name
     * @param definitionVersion the version
     * @param reason the saga's new last error
     * @param now the time
     * @return how many sagas were parked
     * @throws SQLException from the driver
     */
    public int parkVersion(Connection c, String name, int definitionVersion, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = CASE WHEN status = ?"
                + " THEN ? ELSE ? END, next_run_at = NULL, deadline_at = NULL, lease_owner = NULL, lease_until = NULL,"
                + " last_error = ?, row_version = row_version + 1, updated_at = ?, settled_at = ?"
                + " WHERE saga_name = ? AND definition_version = ? AND status IN (?, ?, ?)")) {
            ps.setString(1, SagaStatus.COMPENSATING.name());
            ps.setString(2, SagaStatus.PARKED.name());
            ps.setString(3, SagaStatus.SUSPENDED.name());
            ps.setString(4, ErrorText.fit(reason));
            dialect.setInstant(ps, 5, now);
            dialect.setInstant(ps, 6, now); // PARKED and SUSPENDED are settled
            ps.setString(7, name);
            ps.setInt(8, definitionVersion);
            bindMoving(ps, 9);
            return ps.executeUpdate();
        }
    }

    private static int bindMoving(PreparedStatement ps, int first) throws SQLException {
        ps.setString(first, SagaStatus.RUNNING.name());
        ps.setString(first + 1, SagaStatus.WAITING.name());
        ps.setString(first + 2, SagaStatus.COMPENSATING.name());
        return first + 3;
    }

}

package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.claim.LeaseClaimer;
import dev.ferry.runtime.jdbc.StatementBinder;
import dev.ferry.runtime.purge.BatchPurge;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.testing.H2Compatibility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every statement that {@link SqlServerDialect} and {@link OracleDialect} build, executed with bound
 * parameters on H2 in its SQL Server and Oracle modes ({@link H2Compatibility}), on tables made from the
 * dialects' own migrations. What H2 cannot run is declared in {@link H2Compatibility}; the last assertion
 * of {@link #everyStatementOfTheDialectRunsOnH2ExceptTheDeclaredOnes} checks that exactly those entries
 * were needed. This is not SQL Server or Oracle: lock hints, filtered and function-based indexes and the
 * time functions are checked there only.
 */
class DialectSqlOnH2Test {

    private static final List<String> COMPONENTS = List.of("outbox", "inbox", "saga_instance", "saga_step",
            "saga_engine", "saga_trace");

    @ParameterizedTest
    @EnumSource(H2Compatibility.class)
    void everyStatementOfTheDialectRunsOnH2ExceptTheDeclaredOnes(H2Compatibility mode) throws Exception {
        SqlDialect dialect = mode.dialect();
        H2Compatibility.Database db = mode.newDatabase("dialect");
        DataSource ds = db.dataSource();
        for (String component : COMPONENTS) {
            TableName table = new TableName("app", "ferry_" + component);
            db.createTable(component, table);
            try (Connection c = ds.getConnection()) {
                assertTrue(SchemaInstaller.tableExists(c, table), table + " from " + dialect.name() + "'s migrations");
            }
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            theClockIsUtcAndIntervalsAddToIt(c, dialect);
            insertIgnoringDuplicateInsertsOnce(c, db, dialect);
            claimsLockAtMostTheLimitInOrderAndLeasesRunFromTheDatabaseClock(c, dialect);
            c.commit();
        }
        deleteLimitedDeletesAtMostItsLimit(ds, dialect);

        assertEquals(mode.declared(), db.used(), "the constructs declared as not executable on H2 are exactly those"
                + " needed");
    }

    private static void theClockIsUtcAndIntervalsAddToIt(Connection c, SqlDialect dialect) throws SQLException {
        String sql = dialect.selectValue(dialect.currentTimestamp() + " AS now, " + dialect.currentTimestampPlus()
                + " AS later, " + dialect.currentTimestampPlus() + " AS earlier");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = dialect.bindInterval(ps, 1, Duration.ofSeconds(90, 250_000));
            assertEquals(dialect instanceof SqlServerDialect ? 3 : 2, i);
            dialect.bindInterval(ps, i, Duration.ofMillis(-1500));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                Instant now = dialect.getInstant(rs, "now");
                assertTrue(Duration.between(Instant.now(), now).abs().compareTo(Duration.ofMinutes(1)) < 0,
                        dialect.name() + ": " + now + " is UTC");
                assertEquals(Duration.ofSeconds(90, 250_000), Duration.between(now, dialect.getInstant(rs, "later")));
                assertEquals(Duration.ofMillis(-1500), Duration.between(now, dialect.getInstant(rs, "earlier")));
            }
        }
    }

    private static void insertIgnoringDuplicateInsertsOnce(Connection c, H2Compatibility.Database db,
            SqlDialect dialect) throws SQLException {
        TableName inbox = new TableName("app", "ferry_inbox");
        String sql = dialect.insertIgnoringDuplicate(inbox, List.of("consumer", "message_id", "received_at"),
                List.of("consumer", "message_id"));
        if (!db.executeOrSkip(sql, () -> c.prepareStatement(sql).close())) {
            return;
        }
        assertEquals(1, receive(c, dialect, sql, "orders", "m-1"));
        assertEquals(0, receive(c, dialect, sql, "orders", "m-1"));
        assertEquals(1, receive(c, dialect, sql, "billing", "m-1"));
        assertEquals(2, count(c, "app.ferry_inbox", "1 = 1"));
    }

    private static int receive(Connection c, SqlDialect dialect, String sql, String consumer, String id)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, consumer);
            ps.setString(2, id);
            dialect.setInstant(ps, 3, Instant.parse("2026-03-29T01:30:00.123456Z"));
            return ps.executeUpdate();
        }
    }

    private static void claimsLockAtMostTheLimitInOrderAndLeasesRunFromTheDatabaseClock(Connection c,
            SqlDialect dialect) throws SQLException {
        TableName engines = new TableName("app", "ferry_saga_instance");
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app.ferry_saga_instance (id, saga_name, status,"
                + " created_at, updated_at, next_run_at, lease_until) VALUES (?, 'order', 'RUNNING', ?, ?, ?, ?)")) {
            for (int i = 1; i <= 5; i++) {
                ps.setString(1, "saga-" + i);
                dialect.setInstant(ps, 2, created);
                dialect.setInstant(ps, 3, created);
                dialect.setInstant(ps, 4, created.plusSeconds(i));
                // saga-2 is leased far into the future: not claimable
                dialect.setInstant(ps, 5, i == 2 ? Instant.parse("2999-01-01T00:00:00Z") : null);
                ps.executeUpdate();
            }
        }
        LeaseClaimer claimer = new LeaseClaimer(dialect, engines, "seq");
        List<Long> keys = claimer.lockCandidates(c, "s.seq, s.id", "s",
                "s.saga_name = ? AND " + LeaseClaimer.unleased("s", dialect), ps -> ps.setString(1, "order"),
                "s.next_run_at", 3, rs -> rs.getLong("seq"));
        assertEquals(3, keys.size(), "at most the limit: " + keys);
        List<String> ids = ids(c, keys);
        assertEquals(List.of("saga-1", "saga-3", "saga-4"), ids, "due first, the leased one skipped");

        Instant before = Instant.now().minusSeconds(60);
        assertEquals(3, claimer.lease(c, keys, "worker-1", Duration.ofSeconds(30, 5000)));
        try (PreparedStatement ps = c.prepareStatement(dialect.selectValue(dialect.currentTimestamp() + " AS now"));
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            Instant now = dialect.getInstant(rs, "now");
            try (Statement st = c.createStatement(); ResultSet leases = st.executeQuery(
                    "SELECT lease_owner, lease_until FROM app.ferry_saga_instance WHERE lease_owner IS NOT NULL")) {
                int leased = 0;
                while (leases.next()) {
                    leased++;
                    Instant until = dialect.getInstant(leases, "lease_until");
                    Duration left = Duration.between(now, until);
                    assertTrue(until.isAfter(before) && left.compareTo(Duration.ofSeconds(30, 5000)) <= 0
                            && left.compareTo(Duration.ofSeconds(20)) > 0,
                            "leased for 30.000005 s from the database's clock: " + until + ", now " + now);
                }
                assertEquals(3, leased);
            }
        }
        List<Long> again = claimer.lockCandidates(c, "s.seq, s.id", "s",
                "s.saga_name = ? AND " + LeaseClaimer.unleased("s", dialect), ps -> ps.setString(1, "order"),
                "s.next_run_at", 3, rs -> rs.getLong("seq"));
        assertEquals(List.of("saga-5"), ids(c, again), "leased rows are not claimed again");
        assertEquals(3, claimer.releaseAll(c, "worker-1"));
    }

    private static List<String> ids(Connection c, List<Long> keys) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (long key : keys) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM app.ferry_saga_instance WHERE seq = ?")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static void deleteLimitedDeletesAtMostItsLimit(DataSource ds, SqlDialect dialect) throws SQLException {
        TableName steps = new TableName("app", "ferry_saga_step");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app.ferry_saga_step"
                + " (saga_id, step_name, outcome, attempt, recorded_at) VALUES (?, 's', 'OK', 1, ?)")) {
            for (int i = 0; i < 5; i++) {
                ps.setString(1, i < 4 ? "old" : "new");
                dialect.setInstant(ps, 2, Instant.parse("2026-01-01T00:00:00Z"));
                ps.executeUpdate();
            }
        }
        // A condition with OR: the limit bounds all of it.
        BatchPurge purge = new BatchPurge(ds, dialect, steps, "seq", "saga_id = ? OR saga_id = ?", 3);
        StatementBinder old = ps -> {
            ps.setString(1, "old");
            ps.setString(2, "none");
        };
        assertTrue(purge.deleteOnce(old), "a full batch: there may be more");
        try (Connection c = ds.getConnection()) {
            assertEquals(1, count(c, "app.ferry_saga_step", "saga_id = 'old'"), "at most the limit deleted");
        }
        assertFalse(purge.deleteOnce(old), "one left");
        try (Connection c = ds.getConnection()) {
            assertEquals(0, count(c, "app.ferry_saga_step", "saga_id = 'old'"));
            assertEquals(1, count(c, "app.ferry_saga_step", "saga_id = 'new'"));
        }
    }

    private static int count(Connection c, String table, String where) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

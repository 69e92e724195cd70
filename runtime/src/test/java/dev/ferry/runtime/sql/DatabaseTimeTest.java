package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.jdbc.DatabaseClock;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The database's clock as each dialect reads it (UTC, whatever the session's or the JVM's zone),
 * intervals added to it, and the setting that ends a claim transaction left idle.
 */
class DatabaseTimeTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void theDatabaseClockIsUtcAndIntervalsAddToIt(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("database_time"); Connection c = schema.connect()) {
            SqlDialect dialect = SqlDialects.detect(c.getMetaData());
            String farFromUtc = switch (database) { // a session zone far from UTC must not matter
                case POSTGRESQL -> "SET TIME ZONE 'Pacific/Kiritimati'";
                case MARIADB -> "SET time_zone = '+13:00'";
                case ORACLE -> "ALTER SESSION SET TIME_ZONE = '+13:00'";
                case SQLSERVER -> null; // a session has no time zone: the server's clock alone decides
            };
            if (farFromUtc != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(farFromUtc);
                }
            }
            checkTime(c, dialect);
        }
    }

    @Test
    void theDatabaseClockIsUtcOnH2() throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
        try {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:time_" + System.nanoTime());
            try (Connection c = ds.getConnection()) {
                checkTime(c, new H2Dialect());
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    /** The database runs on this machine: its clock and the JVM's agree to well within a minute. */
    private static void checkTime(Connection c, SqlDialect dialect) throws SQLException {
        String sql = dialect.selectValue(dialect.currentTimestamp() + " AS now, " + dialect.currentTimestampPlus()
                + " AS later, " + dialect.currentTimestampPlus() + " AS earlier");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = dialect.bindInterval(ps, 1, Duration.ofSeconds(90, 250_000));
            dialect.bindInterval(ps, i, Duration.ofMillis(-1500));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant now = dialect.getInstant(rs, "now");
                assertTrue(Duration.between(Instant.now(), now).abs().compareTo(Duration.ofMinutes(1)) < 0,
                        dialect.name() + ": the database's time " + now + " is not UTC");
                assertEquals(Duration.ofSeconds(90, 250_000), Duration.between(now, dialect.getInstant(rs, "later")));
                assertEquals(Duration.ofMillis(-1500), Duration.between(now, dialect.getInstant(rs, "earlier")));
            }
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void theDatabaseClockIsReadOnceAndMovesOnWithTheMonotonicClock(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("database_clock")) {
            var env = schema.environment();
            try (env) {
                long[] nanos = {0};
                DatabaseClock clock = new DatabaseClock(env.workerDataSource(),
                        SqlDialects.detect(env.workerDataSource()), Duration.ofMinutes(1), () -> nanos[0]);
                assertTrue(!clock.isSynchronized());
                clock.refreshIfOlder();
                assertTrue(clock.isSynchronized());
                Instant read = clock.instant();
                assertTrue(Duration.between(Instant.now(), read).abs().compareTo(Duration.ofMinutes(1)) < 0, read
                        + " is the database's time in UTC");
                nanos[0] += Duration.ofSeconds(59).toNanos();
                clock.refreshIfOlder(); // not a minute old yet: not read again
                assertEquals(read.plusSeconds(59), clock.instant());
            }
        }
    }

    /** A claim transaction left idle longer than its timeout is ended, and its locked row freed. */
    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aTransactionLeftIdleIsEndedAndItsRowsAreFreed(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("idle_timeout");
             Connection holder = schema.connect();
             Connection other = schema.connect()) {
            SqlDialect dialect = SqlDialects.detect(holder.getMetaData());
            try (Statement st = holder.createStatement()) {
                st.execute("CREATE TABLE work (id INTEGER PRIMARY KEY)");
                st.execute("INSERT INTO work (id) VALUES (1)");
            }
            String lock = dialect.selectForUpdateSkipLocked("id", "work", "id > 0", "id", 1);
            String timeout = dialect.idleTransactionTimeout(Duration.ofSeconds(1));
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                if (dialect.idleTransactionTimeoutReset() == null) {
                    st.execute(timeout); // transaction-local: first in the transaction
                    assertTrue(st.executeQuery(lock).next());
                } else {
                    assertTrue(st.executeQuery(lock).next()); // a session setting: once work was found
                    st.execute(timeout);
                }
            }
            other.setAutoCommit(false);
            assertTrue(!locks(other, lock), "the holder has the row");
            Await.until(Duration.ofSeconds(30), "the idle transaction to be ended", () -> locks(other, lock));
            assertThrows(SQLException.class, holder::commit, "the holder's transaction is gone");
        }
    }

    private static boolean locks(Connection c, String lock) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(lock)) {
            boolean found = rs.next();
            c.rollback();
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

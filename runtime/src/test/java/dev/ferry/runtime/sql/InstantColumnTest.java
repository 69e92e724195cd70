package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Instants are stored as UTC wall-clock time in columns without a time zone and read back
 * unchanged, whatever the JVM's default time zone: also the UTC times that fall into that zone's
 * daylight-saving gap, which do not exist as local times there.
 */
class InstantColumnTest {

    /** 2026-03-29 02:00–03:00 does not exist in Berlin (clocks go from 02:00 to 03:00 CET→CEST). */
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-03-29T02:30:00.123456Z"),
            Instant.parse("2026-10-25T02:30:00Z"),
            Instant.parse("2026-11-30T14:00:00.000001Z"),
            Instant.parse("1999-12-31T23:59:59.999999Z"));

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void instantsSurviveInAZoneWithDaylightSavingGaps(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("instant_column"); Connection c = schema.connect()) {
            switch (database) {
                case POSTGRESQL -> roundTrip(c, new PostgresDialect(), "TIMESTAMP(6)");
                case MARIADB -> roundTrip(c, new MariaDbDialect(), "DATETIME(6)");
                case SQLSERVER -> roundTrip(c, new SqlServerDialect(), "DATETIME2(6)");
                case ORACLE -> roundTrip(c, new OracleDialect(), "TIMESTAMP(6)");
            }
        }
    }

    /** H2 takes the default reading, as SQL Server and Oracle do. */
    @Test
    void instantsSurviveOnH2() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:instants_" + System.nanoTime());
        try (Connection c = ds.getConnection()) {
            roundTrip(c, new H2Dialect(), "TIMESTAMP(6)");
        }
    }

    private static void roundTrip(Connection c, SqlDialect dialect, String type) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE times (n INTEGER PRIMARY KEY, at " + type + ")");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO times (n, at) VALUES (?, ?)")) {
                for (int i = 0; i <= INSTANTS.size(); i++) {
                    ps.setInt(1, i);
                    dialect.setInstant(ps, 2, i < INSTANTS.size() ? INSTANTS.get(i) : null);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT n, at FROM times ORDER BY n");
                 ResultSet rs = ps.executeQuery()) {
                for (Instant expected : INSTANTS) {
                    rs.next();
                    assertEquals(expected, dialect.getInstant(rs, "at"), dialect.name() + ", row " + rs.getInt("n"));
                }
                rs.next();
                assertNull(dialect.getInstant(rs, "at"));
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }
}

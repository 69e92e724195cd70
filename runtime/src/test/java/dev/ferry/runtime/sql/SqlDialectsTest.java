package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The SQL each dialect builds; PostgreSQL and MariaDB also run it for real in the integration tests. */
class SqlDialectsTest {

    private static final String WHERE = "m.status = 'PENDING' AND m.available_at <= ?";

    @Test
    void detectsByProductName() {
        assertInstanceOf(PostgresDialect.class, SqlDialects.byName("PostgreSQL"));
        assertInstanceOf(MariaDbDialect.class, SqlDialects.byName("MariaDB"));
        assertInstanceOf(MariaDbDialect.class, SqlDialects.byName("MySQL"));
        assertInstanceOf(H2Dialect.class, SqlDialects.byName("H2"));
        assertInstanceOf(SqlServerDialect.class, SqlDialects.byName("Microsoft SQL Server"));
        assertInstanceOf(OracleDialect.class, SqlDialects.byName("Oracle"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqlDialects.byName("DB2"));
        assertTrue(e.getMessage().contains("'DB2'"), e.getMessage());
    }

    @Test
    void sqlServerClaimsWithUpdlockReadpast() {
        assertEquals("SELECT TOP (100) m.seq FROM app.outbox m WITH (UPDLOCK, READPAST, ROWLOCK) WHERE " + WHERE
                        + " ORDER BY m.seq",
                new SqlServerDialect().selectForUpdateSkipLocked("m.seq", "app.outbox m", WHERE, "m.seq", 100));
        assertEquals("DELETE TOP (500) FROM app.outbox WITH (READPAST, ROWLOCK) WHERE status = 'DELIVERED'",
                new SqlServerDialect()
                        .deleteLimited(new TableName("app", "outbox"), "seq", "status = 'DELIVERED'", 500));
        assertEquals("IF SCHEMA_ID('app') IS NULL EXEC('CREATE SCHEMA app')",
                new SqlServerDialect().createSchemaIfMissing("app"));
        assertTrue(new SqlServerDialect().isUniqueViolation(new SQLException("dup", "S0001", 2627)));
    }

    @Test
    void oracleClaimsWithSkipLockedAndNoRowLimitClause() {
        assertEquals("SELECT m.seq FROM app.outbox m WHERE " + WHERE + " ORDER BY m.seq FOR UPDATE SKIP LOCKED",
                new OracleDialect().selectForUpdateSkipLocked("m.seq", "app.outbox m", WHERE, "m.seq", 100));
        assertEquals("DELETE FROM app.outbox WHERE (status = 'DELIVERED') AND ROWNUM <= 500",
                new OracleDialect().deleteLimited(new TableName("app", "outbox"), "seq", "status = 'DELIVERED'", 500));
        assertEquals("DECLARE n NUMBER; BEGIN SELECT COUNT(*) INTO n FROM all_users WHERE username = UPPER('app');"
                + " IF n = 0 THEN RAISE_APPLICATION_ERROR(-20001, 'Ferry does not create Oracle schemas (they are"
                + " users): create schema app first'); END IF; END;", new OracleDialect().createSchemaIfMissing("app"));
    }

    @Test
    void postgresMariaDbAndH2ClaimWithSkipLocked() {
        assertEquals("SELECT m.seq FROM t m WHERE " + WHERE + " ORDER BY m.seq LIMIT 10 FOR UPDATE SKIP LOCKED",
                new PostgresDialect().selectForUpdateSkipLocked("m.seq", "t m", WHERE, "m.seq", 10));
        assertEquals("SELECT m.seq FROM t m WHERE " + WHERE + " ORDER BY m.seq LIMIT 10 FOR UPDATE SKIP LOCKED",
                new MariaDbDialect().selectForUpdateSkipLocked("m.seq", "t m", WHERE, "m.seq", 10));
        assertEquals("SELECT m.seq FROM t m WHERE " + WHERE
                        + " ORDER BY m.seq FETCH FIRST 10 ROWS ONLY FOR UPDATE SKIP LOCKED",
                new H2Dialect().selectForUpdateSkipLocked("m.seq", "t m", WHERE, "m.seq", 10));
        assertEquals("DELETE FROM t WHERE seq IN"
                        + " (SELECT seq FROM t WHERE x = ? ORDER BY seq LIMIT 5 FOR UPDATE SKIP LOCKED)",
                new PostgresDialect().deleteLimited(new TableName(null, "t"), "seq", "x = ?", 5));
        assertEquals("DELETE FROM t WHERE x = ? ORDER BY seq LIMIT 5",
                new MariaDbDialect().deleteLimited(new TableName(null, "t"), "seq", "x = ?", 5));
    }

    @Test
    void schemaNamesAreValidatedBeforeSqlIsBuilt() {
        for (SqlDialect d : new SqlDialect[] {new PostgresDialect(), new MariaDbDialect(), new H2Dialect(),
                new SqlServerDialect(), new OracleDialect()}) {
            assertThrows(IllegalArgumentException.class, () -> d.createSchemaIfMissing("x'); DROP TABLE y; --"));
        }
    }
}

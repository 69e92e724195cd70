package dev.ferry.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.schema.SchemaScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "insert unless the key exists" statement of each dialect (the inbox's), and the inbox script.
 * H2 runs it here; PostgreSQL and MariaDB run it in the inbox integration tests.
 */
class InsertIgnoringDuplicateTest {

    private static final TableName TABLE = new TableName("app", "inbox");
    private static final List<String> COLUMNS = List.of("consumer", "message_id", "received_at");
    private static final List<String> KEY = List.of("consumer", "message_id");

    @Test
    void eachDialectBuildsItsOwnStatement() {
        assertEquals("INSERT INTO app.inbox (consumer, message_id, received_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (consumer, message_id) DO NOTHING",
                new PostgresDialect().insertIgnoringDuplicate(TABLE, COLUMNS, KEY));
        assertEquals("INSERT IGNORE INTO app.inbox (consumer, message_id, received_at) VALUES (?, ?, ?)",
                new MariaDbDialect().insertIgnoringDuplicate(TABLE, COLUMNS, KEY));
        assertEquals("MERGE INTO app.inbox t USING (VALUES (?, ?, ?)) s (consumer, message_id, received_at)"
                        + " ON t.consumer = s.consumer AND t.message_id = s.message_id WHEN NOT MATCHED THEN"
                        + " INSERT (consumer, message_id, received_at)"
                        + " VALUES (s.consumer, s.message_id, s.received_at)",
                new H2Dialect().insertIgnoringDuplicate(TABLE, COLUMNS, KEY));
        assertEquals("MERGE INTO app.inbox WITH (HOLDLOCK) AS t USING (VALUES (?, ?, ?)) AS s (consumer, message_id,"
                        + " received_at) ON t.consumer = s.consumer AND t.message_id = s.message_id WHEN NOT MATCHED"
                        + " THEN INSERT (consumer, message_id, received_at) VALUES (s.consumer, s.message_id,"
                        + " s.received_at);",
                new SqlServerDialect().insertIgnoringDuplicate(TABLE, COLUMNS, KEY));
        assertEquals("MERGE INTO app.inbox t"
                        + " USING (SELECT ? AS consumer, ? AS message_id, ? AS received_at FROM dual) s"
                        + " ON (t.consumer = s.consumer AND t.message_id = s.message_id) WHEN NOT MATCHED THEN"
                        + " INSERT (consumer, message_id, received_at)"
                        + " VALUES (s.consumer, s.message_id, s.received_at)",
                new OracleDialect().insertIgnoringDuplicate(TABLE, COLUMNS, KEY));
    }

    @Test
    void columnNamesAreCheckedLikeTableNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OracleDialect()
                .insertIgnoringDuplicate(TABLE, List.of("id; DROP TABLE x", "b"), List.of("b")));
        assertTrue(e.getMessage().contains("not a valid SQL identifier"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PostgresDialect().insertIgnoringDuplicate(TABLE, List.of("a"), List.of("b")));
        assertTrue(e.getMessage().contains("[b]"), e.getMessage());
    }

    @Test
    void h2InsertsOnceAndReportsTheDuplicateAsZeroRows() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:inbox_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SqlDialect dialect = new H2Dialect();
        assertTrue(new SchemaInstaller(ds, dialect).createIfMissing("inbox", TABLE));
        String sql = dialect.insertIgnoringDuplicate(TABLE, COLUMNS, KEY);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            assertEquals(1, insert(c, dialect, sql, "orders", "m-1"));
            assertEquals(0, insert(c, dialect, sql, "orders", "m-1"));
            assertEquals(1, insert(c, dialect, sql, "billing", "m-1"));
            c.commit();
            assertEquals(0, insert(c, dialect, sql, "orders", "m-1"));
            c.commit();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM app.inbox")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    private static int insert(Connection c, SqlDialect dialect, String sql, String consumer, String id)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, consumer);
            ps.setString(2, id);
            dialect.setInstant(ps, 3, Instant.now());
            return ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2", "sqlserver", "oracle"})
    void inboxScriptExistsForEveryDialect(String dialect) {
        List<String> statements = SchemaScript.load(SqlDialects.byName(dialect), "inbox")
                .statements(new TableName("app", "my_inbox"));
        assertEquals("mariadb".equals(dialect) ? 1 : 3, statements.size(), statements.toString());
        assertTrue(statements.get(0).startsWith("CREATE TABLE app.my_inbox ("), statements.get(0));
        for (String s : statements) {
            assertFalse(s.contains("${"), s);
            assertTrue(s.contains("my_inbox"), s);
        }
    }
}

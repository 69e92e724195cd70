package dev.ferry.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import dev.ferry.runtime.sql.H2Dialect;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import oracle.jdbc.pool.OracleDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code createTables}: a missing table is created from the migrations; an existing one that a later
 * migration adds columns to (the step log of a schema at V4 lacks V5's data columns) gets them, and
 * nothing else of it changes.
 */
class SchemaInstallerTest {

    private static final TableName STEP_LOG = new TableName(null, "ferry_saga_step");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void anExistingTableGetsTheColumnsLaterMigrationsAdd(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("schema_installer")) {
            DataSource ds = dataSource(schema);
            SqlDialect dialect;
            try (Connection c = ds.getConnection()) {
                dialect = SqlDialects.detect(c.getMetaData());
            }
            addsDroppedColumns(ds, dialect);
        }
    }

    @Test
    void anExistingTableGetsTheColumnsLaterMigrationsAddOnH2() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:schema_installer;DB_CLOSE_DELAY=-1");
        addsDroppedColumns(ds, new H2Dialect());
    }

    @Test
    void onlyStatementsAddingOneColumnAreRecognised() {
        assertEquals(Optional.of("data_after"), AddedColumn.of("ALTER TABLE app.t ADD COLUMN data_after TEXT"));
        assertEquals(Optional.of("data_after"), AddedColumn.of("ALTER TABLE t ADD data_after NVARCHAR(MAX)"));
        assertEquals(Optional.of("actor"), AddedColumn.of("ALTER TABLE t ADD (actor VARCHAR2(200 CHAR))"));
        assertEquals(Optional.empty(), AddedColumn.of("ALTER TABLE t ADD COLUMN a INT,\n    ADD KEY t_a (a)"));
        assertEquals(Optional.empty(), AddedColumn.of("ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (a)"));
        assertEquals(Optional.empty(), AddedColumn.of("CREATE INDEX t_a ON t (a)"));
    }

    private static void addsDroppedColumns(DataSource ds, SqlDialect dialect) throws SQLException {
        SchemaInstaller installer = new SchemaInstaller(ds, dialect);
        assertTrue(installer.createIfMissing("saga_step", STEP_LOG));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertTrue(SchemaInstaller.columnExists(c, STEP_LOG, "data_before"));
            st.execute("INSERT INTO ferry_saga_step (saga_id, step_name, outcome, attempt, recorded_at)"
                    + " VALUES ('s1', 'first', 'COMPLETED', 1, CURRENT_TIMESTAMP)");
            st.execute("ALTER TABLE ferry_saga_step DROP COLUMN data_before");
            st.execute("ALTER TABLE ferry_saga_step DROP COLUMN data_after");
            assertFalse(SchemaInstaller.columnExists(c, STEP_LOG, "data_after"), "as a schema at V4 has it");
        }

        assertFalse(installer.createIfMissing("saga_step", STEP_LOG), "the table exists");
        assertFalse(installer.createIfMissing("saga_step", STEP_LOG), "and a second run changes nothing");

        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertTrue(SchemaInstaller.columnExists(c, STEP_LOG, "data_before"));
            assertTrue(SchemaInstaller.columnExists(c, STEP_LOG, "data_after"));
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM ferry_saga_step WHERE data_after IS NULL")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "the existing row is kept, without data");
            }
        }
    }

    private static DataSource dataSource(TestSchema schema) throws SQLException {
        return switch (schema.database()) {
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(schema.jdbcUrl());
                pg.setUser(schema.user());
                pg.setPassword(schema.password());
                yield pg;
            }
            case MARIADB -> {
                MariaDbDataSource maria = new MariaDbDataSource(schema.jdbcUrl());
                maria.setUser(schema.user());
                maria.setPassword(schema.password());
                yield maria;
            }
            case SQLSERVER -> {
                SQLServerDataSource mssql = new SQLServerDataSource();
                mssql.setURL(schema.jdbcUrl());
                mssql.setUser(schema.user());
                mssql.setPassword(schema.password());
                yield mssql;
            }
            case ORACLE -> {
                OracleDataSource oracle = new OracleDataSource();
                oracle.setURL(schema.jdbcUrl());
                oracle.setUser(schema.user());
                oracle.setPassword(schema.password());
                yield oracle;
            }
        };
    }
}

package dev.ferry.runtime.schema;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates Ferry's tables when they are missing, from the statements of the versioned migrations
 * under {@code db/ferry/<dialect>/} that touch each table ({@link SchemaScript}): a convenience for
 * development and tests. A table that exists only gets the columns that later migrations add to it
 * and it lacks ({@link AddedColumn}); nothing else of it is changed. In production, run the
 * migrations with Flyway or by hand (README, "Migrations").
 */
public final class SchemaInstaller {

    private final DataSource dataSource;
    private final SqlDialect dialect;

    /**
     * @param dataSource a data source with DDL rights; used with auto-commit, outside any JTA
     *     transaction
     * @param dialect the database's dialect
     */
    public SchemaInstaller(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /**
     * Creates the schema (if named and missing) and the component's table (if missing); adds to an
     * existing table the columns the migrations add that it lacks.
     *
     * @param component the script's name, e.g. {@code outbox}
     * @param table the table name to create
     * @return whether the table was created
     * @throws IllegalStateException naming the statement that failed
     */
    public boolean createIfMissing(String component, TableName table) {
        SchemaScript script = SchemaScript.load(dialect, component);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (tableExists(c, table)) {
                addMissingColumns(c, table, script);
                return false;
            }
            try (Statement st = c.createStatement()) {
                if (table.schema() != null) {
                    st.execute(dialect.createSchemaIfMissing(table.schema()));
                }
                for (String sql : script.statements(table)) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        if (tableExists(c, table) && e.getMessage().toLowerCase(Locale.ROOT).contains("exist")) {
                            return false; // created concurrently by another node
                        }
                        throw new IllegalStateException("Creating " + table + " from " + script.resource()
                                + " failed at: " + sql + ": " + e.getMessage(), e);
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + table + ": " + e.getMessage(), e);
        }
    }

    private static void addMissingColumns(Connection c, TableName table, SchemaScript script) throws SQLException {
        for (String sql : script.statements(table)) {
            String column = AddedColumn.of(sql).orElse(null);
            if (column == null || columnExists(c, table, column)) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                if (!columnExists(c, table, column)) { // else added concurrently by another node
                    throw new IllegalStateException("Adding column " + column + " to " + table + " from "
                            + script.resource() + " failed at: " + sql + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * @param c a connection
     * @param table a table that exists
     * @param column a column name
     * @return whether the table has the column (names compared in the database's case)
     * @throws SQLException from the driver
     */
    public static boolean columnExists(Connection c, TableName table, String column) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Where where = Where.of(c, md, table);
        for (String name : caseVariants(table.table())) {
            for (String col : caseVariants(column)) {
                try (ResultSet rs = md.getColumns(where.catalog(), where.schemaPattern(), name, col)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Where the metadata looks for a table: MariaDB and MySQL name a schema as the catalog. */
    private record Where(String catalog, String schemaPattern) {

        static Where of(Connection c, DatabaseMetaData md, TableName table) throws SQLException {
            String schema = table.schema();
            if (md.getDatabaseProductName().toLowerCase(Locale.ROOT).matches(".*(mariadb|mysql).*")) {
                return new Where(schema != null ? schema : c.getCatalog(), null);
            }
            return new Where(null, schema != null ? schemaCase(md, schema) : c.getSchema());
        }
    }

    private static String[] caseVariants(String name) {
        return new String[] {name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)};
    }

    /**
     * @param c a connection
     * @param table a table name
     * @return whether the table exists (names compared in the database's case)
     * @throws SQLException from the driver
     */
    public static boolean tableExists(Connection c, TableName table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Where where = Where.of(c, md, table);
        for (String name : caseVariants(table.table())) {
            try (ResultSet rs = md.getTables(where.catalog(), where.schemaPattern(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String schemaCase(DatabaseMetaData md, String schema) throws SQLException {
        if (schema == null) {
            return null;
        }
        if (md.storesUpperCaseIdentifiers()) {
            return schema.toUpperCase(Locale.ROOT);
        }
        if (md.storesLowerCaseIdentifiers()) {
            return schema.toLowerCase(Locale.ROOT);
        }
        return schema;
    }
}

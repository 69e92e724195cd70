package dev.ferry.runtime.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * What a test's fresh schema is on each database, and how it is made and dropped: on PostgreSQL a
 * schema (the URL's {@code currentSchema}); on MariaDB a database (the URL's); on SQL Server a
 * database (the URL's {@code databaseName}), the tables in its {@code dbo} schema; on Oracle a user,
 * which is its own schema, connected to as that user. Names are the test's, already plain identifiers.
 */
final class TestNamespaces {

    private TestNamespaces() {
    }

    static TestSchema create(TestDatabase database, TestDatabase.Server admin, String name) {
        TestSchema schema = switch (database) {
            case POSTGRESQL -> new TestSchema(database, admin.url() + (admin.url().contains("?") ? "&" : "?")
                    + "currentSchema=" + name, admin.user(), admin.password(), name, name);
            case MARIADB -> new TestSchema(database, withMariaDbDatabase(admin.url(), name), admin.user(),
                    admin.password(), name, name);
            case SQLSERVER -> new TestSchema(database, (admin.url().endsWith(";") ? admin.url() : admin.url() + ";")
                    + "databaseName=" + name, admin.user(), admin.password(), "dbo", name);
            case ORACLE -> new TestSchema(database, admin.url(), name,
                    "Ferry_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), name, name);
        };
        List<String> statements = switch (database) {
            case POSTGRESQL -> List.of("CREATE SCHEMA " + name);
            case MARIADB, SQLSERVER -> List.of("CREATE DATABASE " + name);
            case ORACLE -> List.of("CREATE USER " + name + " IDENTIFIED BY \"" + schema.password() + "\"",
                    "GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE, UNLIMITED TABLESPACE TO " + name,
                    // what an XA connection's recovery scan reads, and what ends an in-doubt branch
                    "GRANT SELECT ON sys.dba_pending_transactions TO " + name,
                    "GRANT FORCE ANY TRANSACTION TO " + name);
        };
        execute(admin, statements, "Cannot create test schema " + name + " on " + admin.url());
        return schema;
    }

    static void drop(TestDatabase database, TestDatabase.Server admin, String name) {
        List<String> statements = switch (database) {
            case POSTGRESQL -> List.of("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            case MARIADB -> List.of("DROP DATABASE IF EXISTS " + name);
            case SQLSERVER -> List.of("IF DB_ID('" + name + "') IS NOT NULL ALTER DATABASE " + name
                    + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE", "DROP DATABASE IF EXISTS " + name);
            // DROP USER refuses a user still connected: end its sessions first
            case ORACLE -> List.of("BEGIN FOR s IN (SELECT sid, serial# FROM v$session WHERE username = UPPER('"
                    + name + "')) LOOP EXECUTE IMMEDIATE 'ALTER SYSTEM KILL SESSION ''' || s.sid || ',' || s.serial#"
                    + " || ''' IMMEDIATE'; END LOOP; END;", "DROP USER " + name + " CASCADE");
        };
        execute(admin, statements, "Cannot drop test schema " + name);
    }

    private static void execute(TestDatabase.Server admin, List<String> statements, String failure) {
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
    }

    private static String withMariaDbDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', "jdbc:mariadb://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + query;
    }
}

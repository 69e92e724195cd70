package dev.ferry.runtime.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Finds the {@link SqlDialect} of a database from its JDBC metadata or a name. */
public final class SqlDialects {

    private SqlDialects() {
    }

    /**
     * @param dataSource a data source of the database
     * @return its dialect
     * @throws IllegalStateException if the database cannot be reached or is not supported
     */
    public static SqlDialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return detect(c.getMetaData());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot detect the SQL dialect: " + e.getMessage(), e);
        }
    }

    /**
     * @param metaData the database's metadata
     * @return its dialect
     * @throws SQLException from the driver
     * @throws IllegalStateException if the database is not supported
     */
    public static SqlDialect detect(DatabaseMetaData metaData) throws SQLException {
        return byName(metaData.getDatabaseProductName());
    }

    /**
     * @param productOrDialectName a JDBC product name or a dialect name ({@code postgresql},
     *     {@code mariadb}, {@code mysql}, {@code h2}, {@code sqlserver}, {@code oracle})
     * @return the dialect
     * @throws IllegalStateException if it names no supported database
     */
    public static SqlDialect byName(String productOrDialectName) {
        String n = productOrDialectName == null ? "" : productOrDialectName.toLowerCase(Locale.ROOT);
        if (n.contains("postgres")) {
            return new PostgresDialect();
        }
        if (n.contains("mariadb")) {
            return new MariaDbDialect();
        }
        if (n.contains("mysql")) {
            return MariaDbDialect.mysql();
        }
        if (n.equals("h2")) {
            return new H2Dialect();
        }
        if (n.contains("sql server") || n.equals("sqlserver")) {
            return new SqlServerDialect();
        }
        if (n.contains("oracle")) {
            return new OracleDialect();
        }
        throw new IllegalStateException("Ferry does not support the database '" + productOrDialectName
                + "'; supported: PostgreSQL, MariaDB/MySQL, SQL Server, Oracle, H2");
    }
}

package dev.ferry.runtime.testing;

import dev.ferry.runtime.se.JavaSeEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh schema of a {@link TestDatabase}, the default schema of {@link #jdbcUrl()}.
 *
 * @param database which database
 * @param jdbcUrl a URL whose default schema is this one
 * @param user the user (on Oracle the schema's own)
 * @param password the password
 * @param schema the schema's name, as Ferry's {@code schema} setting takes it (on MariaDB the
 *     database's; on SQL Server {@code dbo}, of the database {@link #jdbcUrl()} names)
 * @param namespace what {@link #close()} drops: the schema, on MariaDB and SQL Server the database,
 *     on Oracle the user
 */
public record TestSchema(TestDatabase database, String jdbcUrl, String user, String password, String schema,
                         String namespace) implements AutoCloseable {

    /** @return a plain auto-commit connection, for test set-up and counting */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** @return a Java SE environment (Narayana + XA pool + worker pool) on this schema */
    public JavaSeEnvironment environment() {
        return environmentBuilder().build();
    }

    /**
     * @return the builder of {@link #environment()}, to change some settings; its pool is XA where
     *     {@link TestDatabase#xa()} says so
     */
    public JavaSeEnvironment.Builder environmentBuilder() {
        return JavaSeEnvironment.builder()
                .jdbcUrl(jdbcUrl).user(user).password(password).xa(database.xa())
                .objectStoreDirectory(Path.of("target", "narayana"));
    }

    /** Drops the schema. */
    @Override
    public void close() {
        database.drop(this);
    }
}

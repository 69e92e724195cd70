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
 * @param user the user
 * @param password the password
 * @param schema the schema's name (on MariaDB: the database's)
 */
public record TestSchema(TestDatabase database, String jdbcUrl, String user, String password, String schema)
        implements AutoCloseable {

    /** @return a plain auto-commit connection, for test set-up and counting */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** @return a Java SE environment (Narayana + XA pool + worker pool) on this schema */
    public JavaSeEnvironment environment() {
        return environmentBuilder().build();
    }

    /** @return the builder of {@link #environment()}, to change some settings */
    public JavaSeEnvironment.Builder environmentBuilder() {
        return JavaSeEnvironment.builder()
                .jdbcUrl(jdbcUrl).user(user).password(password)
                .objectStoreDirectory(Path.of("target", "narayana"));
    }

    /** Drops the schema. */
    @Override
    public void close() {
        database.drop(schema);
    }
}

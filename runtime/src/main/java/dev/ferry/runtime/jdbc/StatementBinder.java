package dev.ferry.runtime.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds parameters to a prepared statement. */
@FunctionalInterface
public interface StatementBinder {

    /** Binds nothing. */
    StatementBinder NONE = ps -> { };

    /**
     * @param ps the statement
     * @throws SQLException from the driver
     */
    void bind(PreparedStatement ps) throws SQLException;
}

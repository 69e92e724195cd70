package dev.ferry.runtime.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps the current row of a result set.
 *
 * @param <T> what a row becomes
 */
@FunctionalInterface
public interface RowMapper<T> {

    /**
     * @param rs positioned on a row
     * @return the row's value
     * @throws SQLException from the driver
     */
    T map(ResultSet rs) throws SQLException;
}

package dev.ferry.saga.store;

import dev.ferry.runtime.claim.LeaseClaimer;
import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The sagas a worker's claim may take: due, of the names the worker runs, and held by no live lease;
 * "due" and "live" by the database's clock, whatever the worker's clock says.
 *
 * @param names the saga names the worker runs
 */
record DueSagas(List<String> names) {

    /**
     * @param dialect the database's dialect
     * @return the condition, its parameters bound by {@link #bind}
     */
    String condition(SqlDialect dialect) {
        return "next_run_at <= " + dialect.currentTimestamp() + " AND " + LeaseClaimer.unleased(null, dialect)
                + " AND saga_name IN " + InList.placeholders(names.size());
    }

    /**
     * Binds the parameters of {@link #condition()}.
     *
     * @param ps the statement
     * @param first the index of the condition's first parameter
     * @return the index of the next parameter
     * @throws SQLException from the driver
     */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (String n : names) {
            ps.setString(i++, n);
        }
        return i;
    }
}

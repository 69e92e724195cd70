package dev.ferry.saga.store;

import dev.ferry.runtime.claim.LeaseClaimer;
import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The sagas a worker's claim may take: due, of the names the worker runs, and held by no live lease.
 *
 * @param names the saga names the worker runs
 * @param now the time
 */
record DueSagas(List<String> names, Instant now) {

    /** @return the condition, its parameters bound by {@link #bind} */
    String condition() {
        return "next_run_at <= ? AND " + LeaseClaimer.unleased(null) + " AND saga_name IN "
                + InList.placeholders(names.size());
    }

    /**
     * Binds the parameters of {@link #condition()}.
     *
     * @param ps the statement
     * @param first the index of the condition's first parameter
     * @param dialect the database's dialect
     * @return the index of the next parameter
     * @throws SQLException from the driver
     */
    int bind(PreparedStatement ps, int first, SqlDialect dialect) throws SQLException {
        dialect.setInstant(ps, first, now);
        dialect.setInstant(ps, first + 1, now);
        int i = first + 2;
        for (String n : names) {
            ps.setString(i++, n);
        }
        return i;
    }
}

package dev.ferry.runtime.claim;

import dev.ferry.runtime.jdbc.RowMapper;
import dev.ferry.runtime.jdbc.StatementBinder;
import dev.ferry.runtime.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a locking claim query as the first work of a local transaction, after the statements that
 * set the transaction up ({@link SqlDialect#claimTransactionSetup()} and any the caller adds). Where
 * the driver sends several statements in one round trip ({@link SqlDialect#sendsStatementsTogether()}),
 * setup and query go together.
 */
public final class ClaimQuery {

    private ClaimQuery() {
    }

    /**
     * @param c a connection with auto-commit off, at the start of a transaction
     * @param dialect the database's dialect
     * @param setup statements run first ({@code ;}-separated, no parameters), or null for none
     * @param query the claim query, with {@code ?} parameters
     * @param limit at most this many rows are read
     * @param params binds the query's parameters
     * @param mapper maps a row
     * @param <T> what a row becomes
     * @return the rows in the query's order
     * @throws SQLException from the driver
     */
    public static <T> List<T> run(Connection c, SqlDialect dialect, String setup, String query, int limit,
                                  StatementBinder params, RowMapper<T> mapper) throws SQLException {
        boolean together = setup != null && dialect.sendsStatementsTogether();
        if (setup != null && !together) {
            try (Statement st = c.createStatement()) {
                st.execute(setup);
            }
        }
        List<T> rows = new ArrayList<>(Math.min(limit, 1024));
        try (PreparedStatement ps = c.prepareStatement(together ? setup + "; " + query : query)) {
            ps.setMaxRows(limit);
            params.bind(ps);
            boolean isResultSet = ps.execute();
            while (!isResultSet) {
                if (ps.getUpdateCount() == -1) {
                    throw new SQLException("The claim query returned no rows: " + query);
                }
                isResultSet = ps.getMoreResults();
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return rows;
    }

    /**
     * @param parts statements or null
     * @return the non-null ones joined with {@code "; "}, or null when there are none
     */
    public static String setup(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                sb.append(sb.length() == 0 ? "" : "; ").append(p);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}

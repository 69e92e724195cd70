package dev.ferry.saga.store;

import dev.ferry.runtime.jdbc.RowMapper;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.saga.SagaStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The instance table's columns as a {@link SagaRow}: the select list and a row read from it. */
final class SagaRows implements RowMapper<SagaRow> {

    /** The columns {@link #map} reads. */
    static final String COLUMNS = "seq, id, saga_name, definition_version, status, current_step, attempts,"
            + " saga_data, row_version, deadline_at, next_run_at, last_error, created_at, updated_at";

    private final SqlDialect dialect;

    SagaRows(SqlDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public SagaRow map(ResultSet rs) throws SQLException {
        return new SagaRow(rs.getLong("seq"), UUID.fromString(rs.getString("id")), rs.getString("saga_name"),
                rs.getInt("definition_version"), SagaStatus.valueOf(rs.getString("status")),
                rs.getString("current_step"), rs.getInt("attempts"),
                rs.getString("saga_data"), rs.getLong("row_version"), dialect.getInstant(rs, "deadline_at"),
                dialect.getInstant(rs, "next_run_at"), rs.getString("last_error"),
                dialect.getInstant(rs, "created_at"), dialect.getInstant(rs, "updated_at"));
    }
}

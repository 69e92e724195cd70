package dev.ferry.saga.store;

import dev.ferry.runtime.jdbc.InList;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the step log: every step outcome of every saga, in order, with the saga's data before
 * and after each entry that can change it (migration V5).
 */
public final class StepLog {

    /** Oracle accepts at most 1000 expressions in an IN list. */
    private static final int MAX_IN_LIST = 500;

    /** The columns an entry is written to, bound in this order by {@link #bind}. */
    static final String COLUMNS = "saga_id, step_name, outcome, attempt, recorded_at, error_message, actor,"
            + " data_before, data_after";

    /** Placeholders for {@link #COLUMNS}. */
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final SqlDialect dialect;
    private final TableName table;
    private final String insert;

    /**
     * @param dialect the database's dialect
     * @param table the step log table
     */
    public StepLog(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
        this.insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + PLACEHOLDERS + ")";
    }

    /** @return the step log table */
    TableName table() {
        return table;
    }

    /**
     * Appends entries, in the caller's transaction.
     *
     * @param c the connection
     * @param sagaId the saga
     * @param entries the entries, in order
     * @throws SQLException from the driver
     */
    public void append(Connection c, UUID sagaId, List<StepRecord> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (StepRecord e : entries) {
                bind(ps, 1, sagaId, e);
                if (entries.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (entries.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    /**
     * Binds an entry's values for {@link #COLUMNS}.
     *
     * @return the index after the last bound parameter
     */
    int bind(PreparedStatement ps, int first, UUID sagaId, StepRecord e) throws SQLException {
        ps.setString(first, sagaId.toString());
        ps.setString(first + 1, e.step());
        ps.setString(first + 2, e.outcome().name());
        ps.setInt(first + 3, e.attempt());
        dialect.setInstant(ps, first + 4, e.at());
        ps.setString(first + 5, ErrorText.fit(e.error()));
        ps.setString(first + 6, e.actor());
        ps.setString(first + 7, e.dataBefore());
        ps.setString(first + 8, e.dataAfter());
        return first + 9;
    }

    /**
     * @param c the connection
     * @param sagaId a saga
     * @return its history, oldest first
     * @throws SQLException from the driver
     */
    public List<StepRecord> history(Connection c, UUID sagaId) throws SQLException {
        return history(c, List.of(sagaId)).getOrDefault(sagaId, List.of());
    }

    /**
     * @param c the connection
     * @param sagaIds sagas
     * @return each saga's history, oldest first (sagas without entries are absent)
     * @throws SQLException from the driver
     */
    public Map<UUID, List<StepRecord>> history(Connection c, Collection<UUID> sagaIds) throws SQLException {
        Map<UUID, List<StepRecord>> result = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>(sagaIds);
        for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
            read(c, ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)), result);
        }
        return result;
    }

    private void read(Connection c, List<UUID> ids, Map<UUID, List<StepRecord>> result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT saga_id, step_name, outcome, attempt, recorded_at,"
                + " error_message, actor, data_before, data_after FROM " + table + " WHERE saga_id IN "
                + InList.placeholders(ids.size()) + " ORDER BY seq")) {
            int i = 1;
            for (UUID id : ids) {
                ps.setString(i++, id.toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(UUID.fromString(rs.getString("saga_id")), k -> new ArrayList<>())
                            .add(new StepRecord(rs.getString("step_name"), StepOutcome.valueOf(rs.getString("outcome")),
                                    rs.getInt("attempt"), dialect.getInstant(rs, "recorded_at"),
                                    rs.getString("error_message"), rs.getString("actor"),
                                    rs.getString("data_before"), rs.getString("data_after")));
                }
            }
        }
    }
}

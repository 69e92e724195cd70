package dev.ferry.saga.store;

import dev.ferry.runtime.jdbc.SeqCursor;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.SagaPage;
import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of {@link SagaQuery}: keyset pages over the instance table's {@code seq} (the order sagas
 * were started in), so a page costs the same however deep the operator pages, and rows inserted or
 * deleted meanwhile neither repeat nor skip the others. Runs on the caller's connection.
 */
public final class SagaQueries {

    /** The cursor's tag: a cursor of another listing is refused. */
    static final String CURSOR_KIND = "saga";
    private static final String COLUMNS = "seq, id, saga_name, definition_version, status, current_step, attempts,"
            + " idempotency_key, last_error, created_at, updated_at";

    private final SqlDialect dialect;
    private final TableName table;

    /**
     * @param dialect the database's dialect
     * @param table the instance table
     */
    public SagaQueries(SqlDialect dialect, TableName table) {
        this.dialect = dialect;
        this.table = table;
    }

    /**
     * @param c the connection
     * @param query the query
     * @param now the time {@link SagaQuery#stuckFor()} counts back from
     * @return the page
     * @throws SQLException from the driver
     * @throws IllegalArgumentException if the cursor is not a saga cursor
     */
    public SagaPage page(Connection c, SagaQuery query, Instant now) throws SQLException {
        long after = SeqCursor.decode(CURSOR_KIND, query.cursor());
        Where where = where(query, now);
        String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE seq > ?" + where.sql + " ORDER BY seq";
        List<SagaSummary> items = new ArrayList<>();
        long lastSeq = after;
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(query.limit() + 1); // one more than the page tells whether another page follows
            ps.setLong(1, after);
            where.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    lastSeq = rs.getLong("seq");
                    items.add(summary(rs));
                }
            }
        }
        return new SagaPage(items, more ? Optional.of(SeqCursor.encode(CURSOR_KIND, lastSeq)) : Optional.empty());
    }

    /**
     * @param c the connection
     * @param query the query (its limit and cursor aside)
     * @param now the time {@link SagaQuery#stuckFor()} counts back from
     * @return how many sagas match
     * @throws SQLException from the driver
     */
    public long count(Connection c, SagaQuery query, Instant now) throws SQLException {
        Where where = where(query, now);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE 1 = 1"
                + where.sql)) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private SagaSummary summary(ResultSet rs) throws SQLException {
        return new SagaSummary(UUID.fromString(rs.getString("id")), rs.getString("saga_name"),
                rs.getInt("definition_version"), SagaStatus.valueOf(rs.getString("status")),
                rs.getString("current_step"), rs.getInt("attempts"), rs.getString("idempotency_key"),
                rs.getString("last_error"), dialect.getInstant(rs, "created_at"),
                dialect.getInstant(rs, "updated_at"));
    }

    private Where where(SagaQuery q, Instant now) {
        Where w = new Where();
        if (!q.statuses().isEmpty()) {
            w.in("status", q.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (q.stuckFor() != null) {
            w.in("status", List.of(SagaStatus.COMPENSATING.name(), SagaStatus.RUNNING.name()));
            w.add("updated_at <= ?", now.minus(q.stuckFor()));
        }
        if (q.name() != null) {
            w.add("saga_name = ?", q.name());
        }
        if (q.createdFrom() != null) {
            w.add("created_at >= ?", q.createdFrom());
        }
        if (q.createdTo() != null) {
            w.add("created_at < ?", q.createdTo());
        }
        if (q.updatedFrom() != null) {
            w.add("updated_at >= ?", q.updatedFrom());
        }
        if (q.updatedTo() != null) {
            w.add("updated_at < ?", q.updatedTo());
        }
        return w;
    }

    /** The conditions after {@code WHERE …} and their values, bound in order. */
    private final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        void add(String condition, Object value) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }

        void in(String column, List<String> texts) {
            sql.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(texts.size(), "?"))).append(')');
            values.addAll(texts);
        }

        void bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object v : values) {
                if (v instanceof Instant t) {
                    dialect.setInstant(ps, i++, t);
                } else {
                    ps.setString(i++, (String) v);
                }
            }
        }
    }
}

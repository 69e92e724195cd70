package dev.ferry.saga.testing;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes saga rows straight into the tables, with the columns of the first schema version (V1), as
 * an engine of that version wrote them: many sagas at once, or in-flight sagas of an older engine.
 */
public final class SagaRowsFixture {

    private final Connection c;
    private final SqlDialect dialect;

    /** @param c a connection to the test schema, auto-commit on */
    public SagaRowsFixture(Connection c) throws SQLException {
        this.c = c;
        this.dialect = SqlDialects.detect(c.getMetaData());
    }

    /** One saga row. */
    public record Row(UUID id, String name, String key, String status, String step, String data, Instant nextRunAt,
                      Instant createdAt, Instant updatedAt) {
        /** @return a row with a random id */
        public static Row of(String name, String key, String status, String step, Instant createdAt,
                             Instant updatedAt) {
            return new Row(UUID.randomUUID(), name, key, status, step, "{\"orderId\":\"o\",\"amount\":1}", null,
                    createdAt, updatedAt);
        }
    }

    /** Inserts rows into ferry_saga, in one batch per call, in the order given (so in seq order). */
    public void insert(List<Row> rows) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ferry_saga (id, saga_name, idempotency_key, status,"
                + " current_step, attempts, saga_data, row_version, next_run_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?)")) {
            for (Row r : rows) {
                ps.setString(1, r.id().toString());
                ps.setString(2, r.name());
                ps.setString(3, r.key());
                ps.setString(4, r.status());
                ps.setString(5, r.step());
                ps.setString(6, r.data());
                dialect.setInstant(ps, 7, r.nextRunAt());
                dialect.setInstant(ps, 8, r.createdAt());
                dialect.setInstant(ps, 9, r.updatedAt());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Appends a step log entry (V1 columns: no actor). */
    public void log(UUID sagaId, String step, String outcome, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ferry_saga_step (saga_id, step_name, outcome,"
                + " attempt, recorded_at) VALUES (?, ?, ?, 1, ?)")) {
            ps.setString(1, sagaId.toString());
            ps.setString(2, step);
            ps.setString(3, outcome);
            dialect.setInstant(ps, 4, at);
            ps.executeUpdate();
        }
    }

    /** Stores a trace context for a saga in ferry_saga_trace (V3), as a start with OpenTelemetry on does. */
    public void trace(UUID sagaId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ferry_saga_trace (saga_id, traceparent, tracestate)"
                + " VALUES (?, ?, NULL)")) {
            ps.setString(1, sagaId.toString());
            ps.setString(2, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            ps.executeUpdate();
        }
    }
}

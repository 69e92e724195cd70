package dev.ferry.bench;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The saga of figure 4: three local steps, each inserting one row through the JTA data source. */
@Saga(name = "bench-three-steps")
public class BenchSaga {

    /**
     * The saga's data.
     *
     * @param n its number
     */
    public record Data(int n) {
    }

    private final DataSource dataSource;
    private final String insert;

    /**
     * @param dataSource the JTA data source (the step's writes commit with its progress record)
     * @param table the qualified table the steps write to
     */
    public BenchSaga(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.insert = "INSERT INTO " + table + " (saga_id, step) VALUES (?, ?)";
    }

    /**
     * Step 1.
     *
     * @param data the data
     * @param ctx the context
     */
    @SagaStep(order = 1, compensateWith = "undo")
    public void reserve(Data data, SagaContext ctx) {
        write(ctx, "reserve");
    }

    /**
     * Step 2.
     *
     * @param data the data
     * @param ctx the context
     */
    @SagaStep(order = 2, compensateWith = "undo")
    public void charge(Data data, SagaContext ctx) {
        write(ctx, "charge");
    }

    /**
     * Step 3.
     *
     * @param data the data
     * @param ctx the context
     */
    @SagaStep(order = 3)
    public void ship(Data data, SagaContext ctx) {
        write(ctx, "ship");
    }

    /**
     * Compensation of steps 1 and 2 (never runs here).
     *
     * @param data the data
     * @param ctx the context
     */
    public void undo(Data data, SagaContext ctx) {
        write(ctx, "undo-" + ctx.stepName());
    }

    private void write(SagaContext ctx, String step) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, ctx.sagaId().toString());
            ps.setString(2, step);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("step " + step + ": " + e.getMessage(), e);
        }
    }
}

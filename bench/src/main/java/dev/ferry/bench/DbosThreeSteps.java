package dev.ferry.bench;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.txstep.JdbcStepFactory;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowClassName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Figure 4's process as a DBOS Transact workflow: three transactional steps ({@code txStep} of
 * {@link JdbcStepFactory}), each inserting one row in the transaction that also records the step's
 * output in DBOS's {@code tx_step_outputs}, so row and checkpoint commit together, as in
 * {@link BenchSaga}.
 */
@WorkflowClassName(DbosThreeSteps.CLASS_NAME)
public final class DbosThreeSteps implements DbosProcess {

    /** The class name the workflow is registered and enqueued under. */
    static final String CLASS_NAME = "bench-three-steps";
    /** The workflow's name. */
    static final String WORKFLOW_NAME = "run";

    private final JdbcStepFactory steps;
    private final String insert;

    /**
     * @param steps the factory of transactional steps, on DBOS's connection pool
     * @param table the qualified table the steps write to
     */
    DbosThreeSteps(JdbcStepFactory steps, String table) {
        this.steps = steps;
        this.insert = "INSERT INTO " + table + " (saga_id, step) VALUES (?, ?)";
    }

    @Override
    @Workflow(name = WORKFLOW_NAME)
    public void run(int n) {
        String id = DBOS.workflowId();
        for (String step : new String[] {"reserve", "charge", "ship"}) {
            try {
                steps.txStep((Connection c) -> write(c, id, step), step);
            } catch (SQLException e) {
                throw new IllegalStateException("step " + step + ": " + e.getMessage(), e);
            }
        }
    }

    private void write(Connection c, String workflowId, String step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, workflowId);
            ps.setString(2, step);
            ps.executeUpdate();
        }
    }
}

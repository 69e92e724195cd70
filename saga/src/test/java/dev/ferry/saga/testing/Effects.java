package dev.ferry.saga.testing;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.saga.SagaContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The business effects of test steps and compensations: one row per applied step or compensation,
 * written through the JTA data source, so it commits or rolls back with the step's transaction.
 * Deliberately without a unique key: an effect applied twice shows as two rows.
 */
public final class Effects {

    private final DataSource dataSource;
    private final String jvm;

    /**
     * @param dataSource the JTA data source
     * @param jvm names the JVM that applies the effects
     */
    public Effects(DataSource dataSource, String jvm) {
        this.dataSource = dataSource;
        this.jvm = jvm;
    }

    /** Creates the effect table. */
    public static void createTable(Connection c, TestDatabase database) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE effect (seq " + database.identityKey() + ", saga_id VARCHAR(36) NOT NULL,"
                    + " action VARCHAR(60) NOT NULL, jvm VARCHAR(20) NOT NULL)");
            st.execute("CREATE INDEX effect_saga ON effect (saga_id, seq)");
        }
    }

    /** Records that a step or compensation applied its effect, in the caller's transaction. */
    public void record(SagaContext ctx, String action) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO effect (saga_id, action, jvm) VALUES (?, ?, ?)")) {
            ps.setString(1, ctx.sagaId().toString());
            ps.setString(2, action);
            ps.setString(3, jvm);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record effect " + action + ": " + e.getMessage(), e);
        }
    }

    /** @return a saga's effects in the order they were applied */
    public static List<String> of(Connection c, UUID sagaId) throws SQLException {
        List<String> actions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT action FROM effect WHERE saga_id = ? ORDER BY seq")) {
            ps.setString(1, sagaId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }
}

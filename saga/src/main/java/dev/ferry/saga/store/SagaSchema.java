package dev.ferry.saga.store;

import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.config.SagaSettings;
import javax.sql.DataSource;

/**
 * Creates the saga tables when they are missing, from the statements of the migrations
 * {@code db/ferry/<dialect>/V*__*.sql} that touch them ({@code ${saga_instance_table}},
 * {@code ${saga_step_table}}, {@code ${saga_engine_table}}, and {@code ${saga_trace_table}}, the
 * trace contexts, of {@code V3__saga_trace.sql}). A development convenience: in production, run the
 * migrations with Flyway or by hand.
 */
public final class SagaSchema {

    /** The instance table's script. */
    public static final String INSTANCE_SCRIPT = "saga_instance";
    /** The step log's script. */
    public static final String STEP_SCRIPT = "saga_step";
    /** The engine table's script. */
    public static final String ENGINE_SCRIPT = "saga_engine";
    /** The trace context table's component, {@code ${saga_trace_table}} (written with OpenTelemetry only). */
    public static final String TRACE_SCRIPT = "saga_trace";

    private SagaSchema() {
    }

    /**
     * @param dataSource a non-JTA data source with DDL rights
     * @param dialect the database's dialect
     * @param settings names the tables
     */
    public static void createIfMissing(DataSource dataSource, SqlDialect dialect, SagaSettings settings) {
        SchemaInstaller installer = new SchemaInstaller(dataSource, dialect);
        installer.createIfMissing(INSTANCE_SCRIPT, settings.instanceTable());
        installer.createIfMissing(STEP_SCRIPT, settings.stepTable());
        installer.createIfMissing(ENGINE_SCRIPT, settings.engineTable());
        installer.createIfMissing(TRACE_SCRIPT, traceTable(settings));
    }

    /**
     * @param settings names the instance table
     * @return the table of the sagas' trace contexts: the instance table's name with {@code _trace}
     *     (the migrations' {@code ${saga_trace_table}} must be set to that name)
     */
    public static TableName traceTable(SagaSettings settings) {
        return new TableName(settings.instanceTable().schema(), settings.instanceTable().table() + "_trace");
    }
}

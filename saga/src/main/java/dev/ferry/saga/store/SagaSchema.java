package dev.ferry.saga.store;

import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.saga.config.SagaSettings;
import javax.sql.DataSource;

/**
 * Creates the saga tables when they are missing, from the statements of the migrations
 * {@code db/ferry/<dialect>/V*__*.sql} that touch them ({@code ${saga_instance_table}},
 * {@code ${saga_step_table}}, {@code ${saga_engine_table}}). A development convenience: in
 * production, run the migrations with Flyway or by hand.
 */
public final class SagaSchema {

    /** The instance table's script. */
    public static final String INSTANCE_SCRIPT = "saga_instance";
    /** The step log's script. */
    public static final String STEP_SCRIPT = "saga_step";
    /** The engine table's script. */
    public static final String ENGINE_SCRIPT = "saga_engine";

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
    }
}

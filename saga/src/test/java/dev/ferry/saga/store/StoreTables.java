package dev.ferry.saga.store;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The saga tables with default settings, created in a test's schema, and a store on them.
 *
 * @param dialect the database's dialect
 * @param settings the default settings (their tables)
 * @param store the store on the instance table
 */
record StoreTables(SqlDialect dialect, SagaSettings settings, SagaStore store) {

    /**
     * @param env the test schema's environment (its worker pool creates the tables)
     * @param c a connection to the test schema (its metadata names the dialect)
     * @return the created tables
     * @throws SQLException from the driver
     */
    static StoreTables create(JavaSeEnvironment env, Connection c) throws SQLException {
        SqlDialect dialect = SqlDialects.detect(c.getMetaData());
        SagaSettings settings = SagaSettings.builder().build();
        SagaSchema.createIfMissing(env.workerDataSource(), dialect, settings);
        return new StoreTables(dialect, settings, new SagaStore(dialect, settings.instanceTable()));
    }
}

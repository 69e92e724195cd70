package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.se.JavaSeEnvironment;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Figure 4's bound with Ferry's records writes what a worker writes, on PostgreSQL: each step its
 * own row, the saga row's progress and one step log entry; three steps complete a saga. Through JTA
 * as in plain JDBC.
 */
class FerryRecordStepsTest {

    private static final String SCHEMA = "bench_records_test";

    private final Db db = new Db(BenchOptions.fromSystemProperties());
    private FerryRecordSteps records;

    @BeforeEach
    void tables() throws Exception {
        db.freshSchema(SCHEMA);
        db.execute("CREATE TABLE " + SCHEMA + ".effect (" + BenchDatabase.POSTGRESQL.identityKey() + ","
                + " saga_id VARCHAR(36) NOT NULL, step VARCHAR(60) NOT NULL)");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.options().jdbcUrl());
        dataSource.setUser(db.options().user());
        dataSource.setPassword(db.options().password());
        records = new FerryRecordSteps(db, SCHEMA, SCHEMA + ".effect");
        records.createTables(dataSource);
    }

    @AfterEach
    void drop() throws Exception {
        db.dropSchema(SCHEMA);
    }

    @Test
    void stepsWriteTheSagaRowAndStepLogAsAWorkerDoes() throws Exception {
        assertWrittenAsAWorkerDoes(records.count(2, 1, 3_000));
    }

    @Test
    void stepsThroughJtaWriteTheSame() throws Exception {
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(db.options().jdbcUrl())
                .user(db.options().user()).password(db.options().password()).maxPoolSize(4).workerPoolSize(2)
                .objectStoreDirectory(Files.createTempDirectory("ferry-records-test")).build()) {
            assertWrittenAsAWorkerDoes(records.countThroughJta(env, 2, 1, 3_000));
        }
    }

    private void assertWrittenAsAWorkerDoes(long counted) throws Exception {
        long effects = db.count("SELECT count(*) FROM " + SCHEMA + ".effect");
        long completed = db.count("SELECT count(*) FROM " + SCHEMA + ".ferry_saga WHERE status = 'COMPLETED'"
                + " AND current_step IS NULL AND next_run_at IS NULL AND settled_at IS NOT NULL"
                + " AND lease_owner IS NULL AND row_version = 3");
        assertTrue(counted > 0, "no step counted");
        assertTrue(effects >= counted, effects + " step rows, " + counted + " counted");
        assertEquals(effects, db.count("SELECT count(*) FROM " + SCHEMA + ".ferry_saga_step"
                + " WHERE outcome = 'COMPLETED' AND data_before = data_after"), "a step log entry per step");
        assertEquals(effects, db.count("SELECT COALESCE(SUM(row_version), 0) FROM " + SCHEMA + ".ferry_saga"),
                "a progress write per step");
        assertTrue(completed >= effects / 3 - 2 && completed > 0, completed + " completed sagas of " + effects
                + " steps on 2 connections");
        assertEquals(0, db.count("SELECT count(*) FROM " + SCHEMA + ".ferry_saga s WHERE status = 'COMPLETED'"
                + " AND (SELECT string_agg(step_name, ',' ORDER BY seq) FROM " + SCHEMA + ".ferry_saga_step l"
                + " WHERE l.saga_id = s.id) <> 'reserve,charge,ship'"), "completed sagas' steps in order");
    }

    @Test
    void tooFewSagasForTheWindowFailTheRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> records.count(1, 1, 3));
        assertTrue(e.getMessage().contains("before the window closed"), e.getMessage());
    }
}

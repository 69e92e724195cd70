package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.SagaRowsFixture;
import dev.ferry.saga.testing.SagaRowsFixture.Row;
import dev.ferry.saga.testing.SagaTestRig;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The migrations under db/ferry/&lt;dialect&gt;/ with Flyway: a schema at V1 (the DDL before issue 15)
 * holding sagas in flight as an engine of that version left them is migrated to the latest version
 * (V2 the operations' columns and indexes, V3 the trace table, V4 the outbox's audit table, V5 the step
 * log's data columns, V6 {@code settled_at} and its index, given to the sagas that had settled), and a
 * current engine finishes the sagas.
 */
class SagaMigrationTest {

    /** The placeholders a Flyway user sets, with Ferry's default names (README, "Migrations"). */
    static final Map<String, String> PLACEHOLDERS = Map.of("schema_prefix", "", "outbox_table", "ferry_outbox",
            "inbox_table", "ferry_inbox", "saga_instance_table", "ferry_saga", "saga_step_table", "ferry_saga_step",
            "saga_engine_table", "ferry_saga_engine", "saga_trace_table", "ferry_saga_trace",
            "outbox_audit_table", "ferry_outbox_audit");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void sagasInFlightOnTheV1SchemaFinishAfterFlywayMigratesIt(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_migrate")) {
            String dialect;
            try (Connection c = rig.schema().connect()) {
                dialect = SqlDialects.detect(c.getMetaData()).name();
            }
            assertEquals(1, flyway(rig, dialect, "1").migrate().migrationsExecuted);

            // As an engine of version 1 left them: one saga waiting for a reply, one due to run its next step.
            Instant then = Instant.now().minusSeconds(60);
            Row waiting = new Row(java.util.UUID.randomUUID(), "ops", "w", "WAITING", "confirm",
                    "{\"orderId\":\"w\",\"amount\":1}", null, then, then);
            Row running = new Row(java.util.UUID.randomUUID(), "ops", "r", "RUNNING", "risky",
                    "{\"orderId\":\"r\",\"amount\":1}", then, then, then);
            Row completed = new Row(java.util.UUID.randomUUID(), "ops", "c", "COMPLETED", null,
                    "{\"orderId\":\"c\",\"amount\":1}", null, then, then.plusSeconds(1));
            try (Connection c = rig.schema().connect()) {
                SagaRowsFixture fixture = new SagaRowsFixture(c);
                fixture.insert(List.of(waiting, running, completed));
                fixture.log(waiting.id(), "prepare", "COMPLETED", then);
                fixture.log(waiting.id(), "risky", "COMPLETED", then);
                fixture.log(waiting.id(), "confirm", "WAITING", then);
                fixture.log(running.id(), "prepare", "COMPLETED", then);
            }

            Flyway latest = flyway(rig, dialect, null);
            assertEquals(5, latest.migrate().migrationsExecuted, "V2, V3, V4, V5 and V6");
            assertEquals("6", latest.info().current().getVersion().getVersion());
            assertEquals(1, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE settled_at = updated_at AND id = '"
                    + completed.id() + "'"), "V6 gave the saga that had ended its time as settled_at");
            assertEquals(0, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE settled_at IS NOT NULL AND status <> "
                    + "'COMPLETED'"), "the sagas in flight have not settled");
            assertEquals(0, rig.count("SELECT COUNT(*) FROM ferry_saga_trace"), "V3 created the trace table");
            assertEquals(0, rig.count("SELECT COUNT(*) FROM ferry_outbox_audit"), "V4 created the outbox's audit");

            SagaCoordinator sagas = rig.start(b -> b.register(OpsSaga.class, new OpsSaga(rig.effects())))
                    .withActor("ops-team");
            rig.await(running.id(), SagaStatus.WAITING);
            assertTrue(sagas.completeStep(waiting.id(), "confirm", null));
            assertTrue(sagas.completeStep(running.id(), "confirm", null));
            SagaView w = rig.await(waiting.id(), SagaStatus.COMPLETED);
            SagaView r = rig.await(running.id(), SagaStatus.COMPLETED);
            assertEquals(1, w.version(), "instances of V1 run on definition version 1");
            assertEquals(List.of(), rig.effectsOf(waiting.id()), "its steps ran before the migration");
            assertEquals(List.of("risky", "confirm"), rig.effectsOf(running.id()));
            assertEquals("prepare", r.history().get(0).step());
            assertEquals(null, r.history().get(0).dataAfter(), "an entry written before V5 carries no data");
            StepRecord risky = r.history().stream().filter(e -> e.step().equals("risky")
                    && e.outcome() == StepOutcome.COMPLETED).findFirst().orElseThrow();
            assertTrue(risky.dataBefore().contains("\"orderId\":\"r\""), risky.dataBefore());
            assertTrue(risky.dataAfter().contains("\"orderId\":\"r\""), risky.dataAfter());
            assertEquals(SagaStatus.CANCELLED, sagas.cancel(sagas.start("ops", new dev.ferry.saga.testing.FulfilData(
                    "n", 1)), "the audit column exists"));
        }
    }

    private static Flyway flyway(SagaTestRig rig, String dialect, String target) {
        var config = Flyway.configure()
                .dataSource(rig.schema().jdbcUrl(), rig.schema().user(), rig.schema().password())
                .defaultSchema(rig.schema().schema())
                .locations("classpath:db/ferry/" + dialect)
                .table("ferry_schema_history")      // Ferry's own history, beside the application's
                .baselineOnMigrate(true).baselineVersion("0")   // the schema holds the application's tables
                .placeholders(PLACEHOLDERS);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }
}

package dev.ferry.saga.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.schema.SchemaScript;
import dev.ferry.runtime.sql.H2Dialect;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.sql.SqlDialects;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The saga scripts of every dialect parse and fill their placeholders; on embedded H2 they create
 * the tables, and the store's SQL (insert, claim, fenced update, step log) runs against them. The
 * real databases run the same SQL in the engine tests.
 */
class SagaSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2", "sqlserver", "oracle"})
    void everyDialectHasEveryScript(String dialectName) {
        SqlDialect dialect = SqlDialects.byName(dialectName);
        for (String script : List.of(SagaSchema.INSTANCE_SCRIPT, SagaSchema.STEP_SCRIPT, SagaSchema.ENGINE_SCRIPT,
                SagaSchema.TRACE_SCRIPT)) {
            List<String> statements = SchemaScript.load(dialect, script)
                    .statements(new TableName("app", "my_saga"));
            assertFalse(statements.isEmpty(), script);
            for (String sql : statements) {
                assertFalse(sql.contains("${"), sql);
                assertTrue(sql.contains("app.my_saga") || sql.contains("my_saga_"), sql);
            }
            assertTrue(statements.get(0).startsWith("CREATE TABLE app.my_saga"), statements.get(0));
        }
    }

    @Test
    void storeSqlRunsOnH2() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:saga_schema;DB_CLOSE_DELAY=-1");
        SqlDialect dialect = new H2Dialect();
        SagaSettings settings = SagaSettings.builder().schema("ferry").instanceTable("sagas").stepTable("saga_log")
                .build();
        SagaSchema.createIfMissing(ds, dialect, settings);
        SagaSchema.createIfMissing(ds, dialect, settings); // idempotent
        assertFalse(new SchemaInstaller(ds, dialect).createIfMissing(SagaSchema.STEP_SCRIPT, settings.stepTable()));
        try (Connection c = ds.getConnection()) {
            assertTrue(SchemaInstaller.tableExists(c, new TableName("ferry", "sagas_trace")), "the trace table (V3)");
        }

        SagaStore store = new SagaStore(dialect, settings.instanceTable());
        StepLog log = new StepLog(dialect, settings.stepTable());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            store.insert(c, id, "s", 1, "key-1", "first", "{\"a\":1}", now);
            assertThrows(SQLException.class,
                    () -> store.insert(c, UUID.randomUUID(), "s", 1, "key-1", "first", "{}", now));
            c.rollback();
            store.insert(c, id, "s", 1, "key-1", "first", "{\"a\":1}", now);
            store.insert(c, UUID.randomUUID(), "s", 1, null, "first", "{}", now.plusSeconds(60));
            store.insert(c, UUID.randomUUID(), "s", 1, null, "first", "{}", now.plusSeconds(60));
            c.commit();
            assertEquals(id, store.findIdByKey(c, "s", "key-1"));

            List<SagaRow> claimed = store.claim(c, List.of("s"), 10, "w1", Duration.ofSeconds(30));
            c.commit();
            assertEquals(1, claimed.size(), "only the due one");
            SagaRow row = claimed.get(0);
            assertEquals(List.of(), store.claim(c, List.of("s"), 10, "w2", Duration.ofSeconds(30)), "leased");
            c.commit();

            SagaUpdate update = new SagaUpdate(SagaStatus.RUNNING, "second", 0, "{\"a\":2}", null, now, null, true,
                    List.of(new StepRecord("first", StepOutcome.COMPLETED, 1, now, null)));
            assertFalse(store.update(c, row, update, "w2", Duration.ofSeconds(30), now), "fenced by the lease owner");
            assertTrue(store.update(c, row, update, "w1", Duration.ofSeconds(30), now));
            assertFalse(store.update(c, row, update, "w1", Duration.ofSeconds(30), now), "fenced by the version");
            log.append(c, id, update.history());
            c.commit();

            SagaRow after = store.find(c, id);
            assertEquals("second", after.currentStep());
            assertEquals(row.version() + 1, after.version());
            assertEquals(now, after.nextRunAt());
            assertNull(after.deadlineAt());
            assertEquals(List.of(new StepRecord("first", StepOutcome.COMPLETED, 1, now, null)),
                    log.history(c, List.of(id)).get(id));
            assertTrue(store.release(c, after, "w1"));
            assertEquals(1, store.list(c, SagaStatus.RUNNING, 1).size());
            c.commit();
        }
    }
}

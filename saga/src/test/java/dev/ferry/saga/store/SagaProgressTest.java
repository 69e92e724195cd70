package dev.ferry.saga.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The store's claim and the progress write on the real databases (on PostgreSQL each one
 * statement): claim order and leases, a change written with its step log entry, and a fenced
 * change that writes neither.
 */
class SagaProgressTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void claimsInOrderAndWritesProgressWithItsEntryOnlyWhenTheFenceHolds(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("saga_progress");
             JavaSeEnvironment env = schema.environment();
             Connection c = schema.connect()) {
            StoreTables tables = StoreTables.create(env, c);
            SqlDialect dialect = tables.dialect();
            SagaSettings settings = tables.settings();
            SagaStore store = tables.store();
            StepLog log = new StepLog(dialect, settings.stepTable());
            SagaProgress progress = new SagaProgress(dialect, store, log);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            c.setAutoCommit(false);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                store.insert(c, id, "s", 1, null, "first", "{}", now.minusSeconds(10 - i));
            }
            c.commit();

            List<SagaRow> claimed = store.claim(c, List.of("s"), 3, "w1", Duration.ofSeconds(30));
            c.commit();
            assertEquals(ids.subList(0, 3), claimed.stream().map(SagaRow::id).toList(), "most overdue first");
            assertEquals(List.of(ids.get(3)), store.claim(c, List.of("s"), 3, "w2", Duration.ofSeconds(30))
                    .stream().map(SagaRow::id).toList(), "the others are leased");
            c.commit();

            SagaRow row = claimed.get(0);
            StepRecord done = new StepRecord("first", StepOutcome.COMPLETED, 1, now, null);
            SagaUpdate update = new SagaUpdate(SagaStatus.RUNNING, "second", 0, "{\"a\":2}", null, row.nextRunAt(),
                    null, true, List.of(done));
            assertFalse(progress.write(c, row, update, "w2", Duration.ofSeconds(30), now), "fenced by the lease");
            assertTrue(progress.write(c, row, update, "w1", Duration.ofSeconds(30), now));
            assertFalse(progress.write(c, row, update, "w1", Duration.ofSeconds(30), now), "fenced by the version");
            c.commit();

            SagaRow after = store.find(c, row.id());
            assertEquals("second", after.currentStep());
            assertEquals(row.version() + 1, after.version());
            assertEquals("{\"a\":2}", after.data());
            assertEquals(List.of(done), log.history(c, List.of(row.id())).get(row.id()),
                    "one entry, from the write that applied");
            SagaUpdate none = new SagaUpdate(SagaStatus.PARKED, "second", 0, "{}", null, null, "x", false, List.of());
            assertTrue(progress.write(c, after, none, null, null, now), "an operator's change without entries");
            c.commit();
            assertEquals(1, log.history(c, List.of(row.id())).get(row.id()).size());
        }
    }
}

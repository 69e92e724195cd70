package dev.ferry.saga.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * change that writes neither; and the row's {@code settled_at}, which lets a step's write change no
 * indexed column.
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

    /**
     * A step's progress write leaves every indexed column as it was ({@code settled_at} stays null,
     * the due time is kept): on PostgreSQL the row is updated in place, which the transaction's own
     * statistics show as a HOT update. Settling sets {@code settled_at} to the write's
     * {@code updated_at}; moving again clears it.
     */
    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aStepsProgressWriteChangesNoIndexedColumnAndSettlingSetsSettledAt(TestDatabase database) throws Exception {
        try (TestSchema schema = database.createSchema("saga_settled");
             JavaSeEnvironment env = schema.environment();
             Connection c = schema.connect()) {
            StoreTables tables = StoreTables.create(env, c);
            SqlDialect dialect = tables.dialect();
            SagaStore store = tables.store();
            StepLog log = new StepLog(dialect, tables.settings().stepTable());
            SagaProgress progress = new SagaProgress(dialect, store, log);
            String table = tables.settings().instanceTable().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            store.insert(c, id, "s", 1, null, "first", "{}", now.minusSeconds(5));
            c.commit();
            SagaRow row = store.claim(c, List.of("s"), 1, "w1", Duration.ofSeconds(30)).get(0);
            c.commit();

            SagaUpdate step = new SagaUpdate(SagaStatus.RUNNING, "second", 0, "{\"a\":1}", null, row.nextRunAt(),
                    null, true, List.of(new StepRecord("first", StepOutcome.COMPLETED, 1, now, null)));
            boolean postgres = "postgresql".equals(dialect.name());
            // The transaction's counts (PostgreSQL 15 adds those of earlier transactions not yet reported).
            long updated = postgres ? xactCount(c, "pg_stat_get_xact_tuples_updated", table) : 0;
            long hot = postgres ? xactCount(c, "pg_stat_get_xact_tuples_hot_updated", table) : 0;
            assertTrue(progress.write(c, row, step, "w1", Duration.ofSeconds(30), now.plusMillis(1)));
            if (postgres) {
                assertEquals(updated + 1, xactCount(c, "pg_stat_get_xact_tuples_updated", table), "the step's write");
                assertEquals(hot + 1, xactCount(c, "pg_stat_get_xact_tuples_hot_updated", table),
                        "updated in place: no indexed column changed");
            }
            c.commit();
            SagaRow moving = store.find(c, id);
            assertNull(settledAt(c, dialect, table, id), "a moving saga has not settled");

            SagaUpdate done = new SagaUpdate(SagaStatus.COMPLETED, null, 0, "{}", null, null, null, false,
                    List.of(new StepRecord("second", StepOutcome.COMPLETED, 1, now, null)));
            assertTrue(progress.write(c, moving, done, "w1", Duration.ofSeconds(30), now.plusMillis(2)));
            c.commit();
            SagaRow completed = store.find(c, id);
            Instant settled = settledAt(c, dialect, table, id);
            assertNotNull(settled, "a completed saga has settled");
            assertEquals(completed.updatedAt(), settled, "settled_at is the updated_at of the write that settled it");

            UUID parked = UUID.randomUUID();
            store.insert(c, parked, "p", 1, null, "first", "{}", now);
            assertEquals(1, store.parkVersion(c, "p", 1, "version withdrawn", now.plusMillis(3)));
            c.commit();
            assertEquals(now.plusMillis(3), settledAt(c, dialect, table, parked), "a suspended saga has settled");
            SagaRow suspended = store.find(c, parked);
            SagaUpdate resumed = new SagaUpdate(SagaStatus.RUNNING, "first", 0, "{}", null, now, null, false,
                    List.of());
            assertTrue(progress.write(c, suspended, resumed, null, null, now.plusMillis(4)));
            c.commit();
            assertNull(settledAt(c, dialect, table, parked), "a resumed saga moves again");
        }
    }

    private static long xactCount(Connection c, String function, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(CAST(? AS regclass))")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant settledAt(Connection c, SqlDialect dialect, String table, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT settled_at FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id.toString());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "saga " + id);
                Instant value = dialect.getInstant(rs, "settled_at");
                c.commit();
                return value;
            }
        }
    }
}

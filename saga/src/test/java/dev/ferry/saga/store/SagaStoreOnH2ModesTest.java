package dev.ferry.saga.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.testing.H2Compatibility;
import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The saga store's statements as {@link SagaStore}, {@link SagaProgress}, {@link StepLog},
 * {@link EngineTable}, {@link SagaQueries} and {@link SagaPurge} build them for SQL Server and Oracle,
 * executed on H2's compatibility modes ({@link H2Compatibility}) on the tables of the dialects' own
 * migrations. Which rows a claim locks and skips is not checked here (see {@link H2Compatibility}).
 */
class SagaStoreOnH2ModesTest {

    private static final Instant NOW = Instant.parse("2026-03-29T01:30:00.123456Z");

    @ParameterizedTest
    @EnumSource(H2Compatibility.class)
    void claimsLeasesWritesFencedProgressQueriesAndPurges(H2Compatibility mode) throws Exception {
        H2Compatibility.Database db = mode.newDatabase("saga");
        SagaSettings settings = SagaSettings.builder().retention(Duration.ofDays(1)).build();
        db.createTable(SagaSchema.INSTANCE_SCRIPT, settings.instanceTable());
        db.createTable(SagaSchema.STEP_SCRIPT, settings.stepTable());
        db.createTable(SagaSchema.ENGINE_SCRIPT, settings.engineTable());
        db.createTable(SagaSchema.TRACE_SCRIPT, SagaSchema.traceTable(settings));
        SqlDialect dialect = mode.dialect();
        SagaStore store = new SagaStore(dialect, settings.instanceTable());
        StepLog log = new StepLog(dialect, settings.stepTable());
        SagaProgress progress = new SagaProgress(dialect, store, log);
        UUID completed;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                store.insert(c, id, "s", 1, i == 0 ? "key-1" : null, "first", "{}", NOW.minusSeconds(10 - i));
            }
            c.commit();
            assertEquals(ids.get(0), store.findIdByKey(c, "s", "key-1"));
            assertNull(store.findIdByKey(c, "s", "key-2"));
            assertEquals(Map.of("s", Map.of(1, 4L)), store.countInFlight(c, List.of("s")));

            List<SagaRow> claimed = store.claim(c, List.of("s"), 3, "w1", Duration.ofSeconds(30));
            c.commit();
            assertEquals(ids.subList(0, 3), claimed.stream().map(SagaRow::id).toList(), "most overdue first");
            assertEquals(List.of(ids.get(3)), store.claim(c, List.of("s"), 3, "w2", Duration.ofSeconds(30))
                    .stream().map(SagaRow::id).toList(), "the others are leased");
            c.commit();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT lease_until FROM "
                    + settings.instanceTable() + " WHERE lease_owner = 'w1'")) {
                while (rs.next()) {
                    Duration left = Duration.between(Instant.now(), dialect.getInstant(rs, "lease_until"));
                    assertTrue(left.compareTo(Duration.ofSeconds(20)) > 0 && left.compareTo(Duration.ofSeconds(31)) < 0,
                            "a 30 s lease from the database's clock: " + left);
                }
            }

            SagaRow row = claimed.get(0);
            StepRecord done = new StepRecord("first", StepOutcome.COMPLETED, 1, NOW, null);
            SagaUpdate update = new SagaUpdate(SagaStatus.RUNNING, "second", 0, "{\"a\":2}", null, row.nextRunAt(),
                    null, true, List.of(done));
            assertFalse(progress.write(c, row, update, "w2", Duration.ofSeconds(30), NOW), "fenced by the lease");
            assertTrue(progress.write(c, row, update, "w1", Duration.ofSeconds(30), NOW));
            assertFalse(progress.write(c, row, update, "w1", Duration.ofSeconds(30), NOW), "fenced by the version");
            c.commit();
            SagaRow after = store.find(c, row.id());
            assertEquals("second", after.currentStep());
            assertEquals(row.version() + 1, after.version());
            assertEquals(List.of(done), log.history(c, List.of(row.id())).get(row.id()));

            assertTrue(store.release(c, after, "w1"));
            assertEquals(2, store.releaseAll(c, "w1"));
            assertEquals(1, store.releaseAll(c, "w2"));
            assertEquals(4, store.parkVersion(c, "s", 1, "version 1 is gone", NOW));
            c.commit();
            assertEquals(4, store.list(c, SagaStatus.SUSPENDED, 10).size());

            SagaQueries queries = new SagaQueries(dialect, settings.instanceTable());
            assertEquals(4, queries.count(c, SagaQuery.all().withName("s"), NOW));
            assertEquals(4, queries.page(c, SagaQuery.all().withStatuses(SagaStatus.SUSPENDED), NOW).items().size());

            try (PreparedStatement ps = c.prepareStatement("UPDATE " + settings.instanceTable()
                    + " SET status = 'COMPLETED' WHERE id = ?")) {
                ps.setString(1, row.id().toString());
                ps.executeUpdate();
            }
            c.commit();
            completed = row.id();
            log.append(c, completed, List.of(done));
            c.commit();

            EngineTable engines = new EngineTable(dialect, settings.engineTable());
            engines.insert(c, "engine-1", "inc-1", NOW);
            assertTrue(engines.takeOver(c, "engine-1", "inc-1", "inc-2", NOW.plusSeconds(1)));
            assertFalse(engines.takeOver(c, "engine-1", "inc-1", "inc-3", NOW.plusSeconds(1)), "inc-2 holds it");
            assertTrue(engines.beat(c, "engine-1", "inc-2", NOW.plusSeconds(2)));
            assertEquals(new EngineTable.Holder("inc-2", NOW.plusSeconds(2)), engines.find(c, "engine-1"));
            assertEquals(1, engines.forgetOlderThan(c, NOW.plusSeconds(3)));
            c.commit();
        }
        SagaPurge purge = new SagaPurge(db.dataSource(), dialect, settings,
                Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC));
        assertFalse(purge.purgeOnce(), "the one completed saga, less than a full batch");
        try (Connection c = db.dataSource().getConnection()) {
            assertNull(store.find(c, completed), "purged");
            assertEquals(List.of(), log.history(c, completed), "with its step log");
            assertEquals(3, store.list(c, SagaStatus.SUSPENDED, 10).size(), "the others are kept");
        }

        Set<String> expected = mode == H2Compatibility.SQLSERVER
                ? Set.of("filtered unique index: CREATE UNIQUE INDEX … WHERE … (without the filter NULL keys would"
                        + " collide, as on SQL Server)", "DROP INDEX i ON schema.t (H2 looks for i in the default"
                        + " schema: named schema.i instead)")
                : Set.of("function-based index: CREATE UNIQUE INDEX … (CASE WHEN … END, …)");
        assertEquals(expected, db.used());
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.SagaRowsFixture;
import dev.ferry.saga.testing.SagaRowsFixture.Row;
import dev.ferry.saga.testing.SagaTestRig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The retention purge of finished sagas on real databases, by {@code settled_at} or, for sagas that
 * settled without one, by {@code updated_at}.
 */
class SagaRetentionTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void finishedSagasPastTheRetentionGoWithTheirStepLogsAndTracesInBatchesAndNothingElseDoes(TestDatabase database)
            throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_retention")) {
            Instant now = Instant.now();
            Instant old = now.minus(Duration.ofDays(3));
            List<Row> expired = new ArrayList<>();
            for (String status : List.of("COMPLETED", "COMPENSATED", "CANCELLED")) {
                for (int i = 0; i < 9; i++) {
                    expired.add(Row.of("gone", null, status, null, old, old));
                }
            }
            List<Row> kept = new ArrayList<>();
            kept.add(Row.of("kept", null, "COMPLETED", null, now, now));  // finished within the retention
            for (String status : List.of("RUNNING", "WAITING", "COMPENSATING", "SUSPENDED", "PARKED")) {
                kept.add(Row.of("kept", null, status, "x", old, old));   // in flight, however old
            }
            // The tables first, from an engine that is not started.
            rig.build(SagaTestRig.testSettings().build(), b -> b.register(OpsSaga.class, new OpsSaga(rig.effects())));
            try (Connection c = rig.schema().connect()) {
                SagaRowsFixture fixture = new SagaRowsFixture(c);
                List<Row> all = new ArrayList<>(expired);
                all.addAll(kept);
                fixture.insert(all);
                for (Row r : all) {
                    fixture.log(r.id(), "a", "COMPLETED", r.createdAt());
                    fixture.log(r.id(), "b", "COMPLETED", r.createdAt());
                    fixture.trace(r.id());
                }
                // The completed ones as this release writes them: settled_at is the time they ended. The others
                // have none, as sagas settled before migration V6 on a table createTables extended: their
                // updated_at counts instead.
                try (Statement st = c.createStatement()) {
                    assertEquals(10, st.executeUpdate("UPDATE ferry_saga SET settled_at = updated_at"
                            + " WHERE status = 'COMPLETED'"));
                }
            }
            rig.start(SagaTestRig.testSettings().retention(Duration.ofDays(1)).purgeInterval(Duration.ofMillis(50))
                    .purgeBatchSize(4).build(), b -> b.register(OpsSaga.class, new OpsSaga(rig.effects())));

            Await.until(Duration.ofSeconds(30), "the expired sagas purged", () -> count(rig,
                    "SELECT COUNT(*) FROM ferry_saga WHERE saga_name = 'gone'") == 0);
            assertEquals(kept.size(), count(rig, "SELECT COUNT(*) FROM ferry_saga"));
            assertEquals(2L * kept.size(), count(rig, "SELECT COUNT(*) FROM ferry_saga_step"),
                    "only the purged sagas' step logs are gone");
            assertEquals(kept.size(), count(rig, "SELECT COUNT(DISTINCT saga_id) FROM ferry_saga_step"));
            assertEquals(kept.size(), count(rig, "SELECT COUNT(*) FROM ferry_saga_trace"),
                    "only the purged sagas' trace contexts are gone");
            assertEquals(kept.size(), count(rig, "SELECT COUNT(*) FROM ferry_saga_trace t JOIN ferry_saga s"
                    + " ON s.id = t.saga_id"));
        }
    }

    private static long count(SagaTestRig rig, String sql) {
        try {
            return rig.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

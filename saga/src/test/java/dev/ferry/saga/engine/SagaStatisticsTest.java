package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.store.SagaStatistics;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.SagaRowsFixture;
import dev.ferry.saga.testing.SagaRowsFixture.Row;
import dev.ferry.saga.testing.SagaTestRig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The per-minute figures of {@link SagaStatistics} on real databases: settled sagas counted by
 * {@code settled_at} (through the index {@code _settled}), or by {@code updated_at} where they settled
 * without one; sagas in flight by {@code updated_at}.
 */
class SagaStatisticsTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void countsSagasPerMinuteOfTheirLastChange(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_stats")) {
            Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of("s", null, "COMPLETED", null, from, from.plusSeconds(10)));      // minute 0
            rows.add(Row.of("s", null, "COMPLETED", null, from, from.plusSeconds(70)));      // minute 1
            rows.add(Row.of("s", null, "COMPLETED", null, from, from.plusSeconds(75)));      // minute 1, no settled_at
            rows.add(Row.of("s", null, "COMPLETED", null, from, from.minusSeconds(5)));      // before the first minute
            rows.add(Row.of("s", null, "PARKED", null, from, from.plusSeconds(130)));        // minute 2
            rows.add(Row.of("s", null, "COMPENSATED", null, from, from.plusSeconds(190)));   // minute 3, no settled_at
            rows.add(Row.of("s", null, "RUNNING", "x", from, from.plusSeconds(250)));        // minute 4
            rig.build(SagaTestRig.testSettings().build(), b -> b.register(OpsSaga.class, new OpsSaga(rig.effects())));
            try (Connection c = rig.schema().connect()) {
                new SagaRowsFixture(c).insert(rows);
                try (Statement st = c.createStatement()) {
                    // As this release writes them; the rest as sagas settled before migration V6 without it.
                    for (Row r : List.of(rows.get(0), rows.get(1), rows.get(3), rows.get(4))) {
                        assertEquals(1, st.executeUpdate("UPDATE ferry_saga SET settled_at = updated_at WHERE id = '"
                                + r.id() + "'"));
                    }
                }
            }
            SagaStatistics statistics = rig.engine().statistics();

            assertArrayEquals(new long[] {1, 2, 0, 0, 0}, statistics.perMinute(Set.of(SagaStatus.COMPLETED), from, 5));
            assertArrayEquals(new long[] {0, 0, 1, 1, 0}, statistics.perMinute(Set.of(SagaStatus.PARKED,
                    SagaStatus.COMPENSATED, SagaStatus.SUSPENDED), from, 5));
            assertArrayEquals(new long[] {0, 0, 0, 0, 1}, statistics.perMinute(Set.of(SagaStatus.RUNNING), from, 5),
                    "a saga in flight, by its last change");
            assertArrayEquals(new long[] {1, 2, 0, 0, 1}, statistics.perMinute(Set.of(SagaStatus.COMPLETED,
                    SagaStatus.RUNNING), from, 5), "settled and moving statuses together, by updated_at");
        }
    }
}

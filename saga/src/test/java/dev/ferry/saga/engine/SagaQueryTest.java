package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaPage;
import dev.ferry.saga.SagaQuery;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaSummary;
import dev.ferry.saga.testing.OpsSaga;
import dev.ferry.saga.testing.SagaRowsFixture;
import dev.ferry.saga.testing.SagaRowsFixture.Row;
import dev.ferry.saga.testing.SagaTestRig;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** SagaCoordinator.query, count and findByIdempotencyKey on real databases. */
class SagaQueryTest {

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void eachFilterFindsItsSagasAndPagesFollowTheCursor(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_query")) {
            // Not started: no worker touches the rows written below.
            SagaCoordinator sagas = rig.build(SagaTestRig.testSettings().build(),
                    b -> b.register(OpsSaga.class, new OpsSaga(rig.effects()))).coordinator();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant t0 = now.minus(Duration.ofDays(10));
            Row a = Row.of("ops", null, "COMPLETED", null, t0, t0.plus(Duration.ofHours(1)));
            Row b = Row.of("ops", null, "RUNNING", "risky", t0.plus(Duration.ofDays(1)),
                    now.minus(Duration.ofHours(2)));
            Row c = Row.of("ops", null, "COMPENSATING", "prepare", t0.plus(Duration.ofDays(2)),
                    now.minus(Duration.ofMinutes(1)));
            Row d = Row.of("other", "k-d", "SUSPENDED", "x", t0.plus(Duration.ofDays(3)),
                    now.minus(Duration.ofHours(3)));
            Row e = Row.of("other", "k-e", "RUNNING", "x", t0.plus(Duration.ofDays(4)), now.minus(Duration.ofHours(5)));
            try (Connection conn = rig.schema().connect()) {
                new SagaRowsFixture(conn).insert(List.of(a, b, c, d, e));
            }

            assertEquals(ids(b, e), ids(sagas.query(SagaQuery.all().withStatuses(SagaStatus.RUNNING))));
            assertEquals(ids(b, c), ids(sagas.query(SagaQuery.all().withName("ops")
                    .withStatuses(SagaStatus.RUNNING, SagaStatus.COMPENSATING))));
            assertEquals(ids(b, c), ids(sagas.query(SagaQuery.all()
                    .createdBetween(t0.plus(Duration.ofDays(1)), t0.plus(Duration.ofDays(3))))));
            assertEquals(ids(b, d), ids(sagas.query(SagaQuery.all()
                    .updatedBetween(now.minus(Duration.ofHours(4)), now.minus(Duration.ofMinutes(90))))));
            assertEquals(ids(d, e), ids(sagas.query(SagaQuery.all().updatedBetween(null, now.minus(Duration.ofHours(2))
                    .minusSeconds(1)).withName("other"))));
            SagaQuery stuck = SagaQuery.all().stuck(Duration.ofHours(1));
            assertEquals(ids(b, e), ids(sagas.query(stuck)), "RUNNING or COMPENSATING without progress for 1 h");
            assertEquals(ids(e), ids(sagas.query(stuck.withName("other"))));
            assertEquals(ids(c), ids(sagas.query(SagaQuery.all().stuck(Duration.ofSeconds(30))
                    .withStatuses(SagaStatus.COMPENSATING))));
            assertEquals(2, sagas.count(stuck));
            assertEquals(5, sagas.count(SagaQuery.all()));
            assertEquals(2, sagas.count(SagaQuery.all().withName("other").withLimit(1)), "the limit does not count");

            SagaSummary first = sagas.query(SagaQuery.all().withLimit(1)).items().get(0);
            assertEquals(new SagaSummary(a.id(), "ops", 1, SagaStatus.COMPLETED, null, 0, null, null, t0,
                    t0.plus(Duration.ofHours(1))), first);

            assertEquals(d.id(), sagas.findByIdempotencyKey("other", "k-d").orElseThrow().id());
            assertEquals(SagaStatus.SUSPENDED, sagas.findByIdempotencyKey("other", "k-d").orElseThrow().status());
            assertTrue(sagas.findByIdempotencyKey("ops", "k-d").isEmpty(), "the key is per saga name");

            SagaQuery twoAPage = SagaQuery.all().withLimit(2);
            SagaPage p1 = sagas.query(twoAPage);
            SagaPage p2 = sagas.query(twoAPage.after(p1.nextCursor().orElseThrow()));
            SagaPage p3 = sagas.query(twoAPage.after(p2.nextCursor().orElseThrow()));
            assertEquals(List.of(ids(a, b), ids(c, d), ids(e)), List.of(ids(p1), ids(p2), ids(p3)));
            assertFalse(p3.nextCursor().isPresent(), "the last page has no cursor");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> sagas.query(twoAPage.after("not-a-cursor")));
            assertTrue(bad.getMessage().contains("not-a-cursor"), bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> SagaQuery.all().withLimit(1001));
            assertThrows(IllegalArgumentException.class, () -> SagaQuery.all().stuck(Duration.ZERO));
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void pagingThroughTenThousandSagasReturnsEachExactlyOnce(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_paging")) {
            SagaCoordinator sagas = rig.build(SagaTestRig.testSettings().build(),
                    b -> b.register(OpsSaga.class, new OpsSaga(rig.effects()))).coordinator();
            Set<UUID> written = new HashSet<>();
            Instant now = Instant.now();
            try (Connection conn = rig.schema().connect()) {
                SagaRowsFixture fixture = new SagaRowsFixture(conn);
                for (int batch = 0; batch < 10; batch++) {
                    List<Row> rows = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        Row r = Row.of("ops", null, i % 3 == 0 ? "COMPLETED" : "RUNNING", "risky", now, now);
                        rows.add(r);
                        written.add(r.id());
                    }
                    fixture.insert(rows);
                }
            }
            assertEquals(10_000, sagas.count(SagaQuery.all()));
            List<UUID> seen = new ArrayList<>();
            SagaQuery query = SagaQuery.all().withLimit(777);
            SagaPage page = sagas.query(query);
            int pages = 1;
            seen.addAll(ids(page));
            while (page.nextCursor().isPresent()) {
                page = sagas.query(query.after(page.nextCursor().get()));
                seen.addAll(ids(page));
                pages++;
            }
            assertEquals(10_000, seen.size(), "no saga twice");
            assertEquals(written, new HashSet<>(seen), "every saga once");
            assertEquals(13, pages);
        }
    }

    private static List<UUID> ids(Row... rows) {
        return java.util.Arrays.stream(rows).map(Row::id).toList();
    }

    private static List<UUID> ids(SagaPage page) {
        return page.items().stream().map(SagaSummary::id).toList();
    }
}

package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.runtime.testing.ChildJvm;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.runtime.testing.TestSchema;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.testing.CrashChild;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.CrashSaga;
import dev.ferry.saga.testing.Effects;
import dev.ferry.saga.testing.SagaTestRig;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Two engines in two JVMs run 1,000 sagas; one JVM is killed with SIGKILL half-way; the survivor
 * finishes all of them from their persisted state, and no step or compensation is applied twice.
 */
class SagaCrashRecoveryTest {

    private static final int SAGAS = 1000;
    private static final String HELD_BY_CHILD = "SELECT COUNT(*) FROM ferry_saga WHERE lease_owner = 'child'"
            + " AND status NOT IN ('COMPLETED', 'COMPENSATED')";

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void survivorFinishesEverySagaOfAJvmKilledHalfWay(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_crash")) {
            SagaCoordinator sagas = rig.start(CrashChild.crashSettings("survivor", 2),
                    b -> b.register(CrashSaga.class, new CrashSaga(new Effects(rig.env().dataSource(), "survivor"))));
            Process child = startChild(rig.schema(), database);
            try {
                ChildJvm.awaitOutput(child, childLog(database), "READY", Duration.ofSeconds(60));
                startSagas(rig, sagas);

                awaitCount(rig, "SELECT COUNT(*) FROM ferry_saga WHERE status IN ('COMPLETED', 'COMPENSATED')",
                        SAGAS / 2);
                awaitCount(rig, HELD_BY_CHILD, 1); // kill it while it holds sagas (nearly always at once)
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
                long heldByTheDead = rig.count(HELD_BY_CHILD);
                long doneByTheDead = rig.count("SELECT COUNT(*) FROM effect WHERE jvm = 'child'");

                awaitCount(rig, "SELECT COUNT(*) FROM ferry_saga WHERE status IN ('COMPLETED', 'COMPENSATED')", SAGAS);

                assertTrue(doneByTheDead > 0, "the child JVM did some of the work");
                assertTrue(heldByTheDead > 0, "the child JVM held sagas when it was killed");
                assertEquals(SAGAS * 9 / 10, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE status = 'COMPLETED'"));
                assertEquals(SAGAS / 10, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE status = 'COMPENSATED'"));
                assertEffectsAppliedExactlyOnce(rig);
                System.out.println(database + ": killed child held " + heldByTheDead + " sagas and had applied "
                        + doneByTheDead + " effects; the survivor finished all " + SAGAS);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static Process startChild(TestSchema schema, TestDatabase database) throws Exception {
        return ChildJvm.start(List.of(), CrashChild.class, childLog(database), schema.jdbcUrl(),
                nullToEmpty(schema.user()), nullToEmpty(schema.password()), "child", "3");
    }

    /** Starts the sagas in transactions of 100, as a business method would (in its transaction). */
    private static void startSagas(SagaTestRig rig, SagaCoordinator sagas) throws Exception {
        UserTransaction ut = rig.env().userTransaction();
        for (int batch = 0; batch < SAGAS / 100; batch++) {
            ut.begin();
            for (int i = batch * 100; i < (batch + 1) * 100; i++) {
                sagas.start(CrashSaga.class, new CrashData(i, i % 10 == 0, 2), "crash-" + i);
            }
            ut.commit();
        }
    }

    private static void assertEffectsAppliedExactlyOnce(SagaTestRig rig) throws Exception {
        Map<String, Long> expected = new TreeMap<>(Map.of("one", 1000L, "two", 1000L, "three", 900L,
                "undoTwo", 100L, "undoOne", 100L));
        Map<String, Long> actual = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        try (Connection c = rig.schema().connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT action, COUNT(*) FROM effect GROUP BY action")) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT saga_id, action, COUNT(*) FROM effect"
                    + " GROUP BY saga_id, action HAVING COUNT(*) > 1")) {
                while (rs.next()) {
                    duplicates.add(rs.getString(1) + " " + rs.getString(2) + " x" + rs.getLong(3));
                }
            }
            // Compensated sagas are exactly the failing tenth, and undid exactly steps two and one, in that order.
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ferry_saga s WHERE s.status = 'COMPENSATED'"
                    + " AND (SELECT MAX(seq) FROM effect e WHERE e.saga_id = s.id AND e.action = 'undoTwo')"
                    + " < (SELECT MAX(seq) FROM effect e WHERE e.saga_id = s.id AND e.action = 'undoOne')")) {
                rs.next();
                assertEquals(SAGAS / 10, rs.getLong(1), "compensations in reverse order");
            }
        }
        assertEquals(List.of(), duplicates, "effects applied twice");
        assertEquals(expected, actual);
    }

    private static void awaitCount(SagaTestRig rig, String sql, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long n = 0;
        while (System.nanoTime() < deadline) {
            n = rig.count(sql);
            if (n >= atLeast) {
                return;
            }
            Thread.sleep(25);
        }
        fail("Only " + n + " of " + atLeast + " after 120 s: " + sql);
    }

    private static File childLog(TestDatabase database) {
        return new File("target", "crash-child-" + database.name().toLowerCase() + ".log");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

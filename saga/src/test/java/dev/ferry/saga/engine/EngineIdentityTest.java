package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.runtime.testing.ChildJvm;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestDatabases;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.testing.CrashChild;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.CrashSaga;
import dev.ferry.saga.testing.Effects;
import dev.ferry.saga.testing.SagaTestRig;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * An engine's identity ({@code workerId}) survives a crash: a JVM killed with SIGKILL while it holds
 * sagas under a 60 s lease is replaced by an engine with the same identity, which takes the sagas
 * back at once instead of waiting out the lease; and two running engines can never share one.
 */
class EngineIdentityTest {

    private static final int SAGAS = 200;
    private static final String TERMINAL = "SELECT COUNT(*) FROM ferry_saga"
            + " WHERE status IN ('COMPLETED', 'COMPENSATED')";

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aSecondRunningEngineWithTheSameIdentityIsRefusedNamingIt(TestDatabase database) throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_identity")) {
            rig.start(SagaTestRig.testSettings().workerId("node-a").build(), b -> b.register(CrashSaga.class,
                    new CrashSaga(rig.effects())));
            SagaEngine twin = SagaEngine.builder().environment(rig.env())
                    .settings(SagaTestRig.testSettings().workerId("node-a").build())
                    .register(CrashSaga.class, new CrashSaga(rig.effects())).build();
            IllegalStateException refused = assertThrows(IllegalStateException.class, twin::start);
            assertTrue(refused.getMessage().contains("'node-a' is held by another running engine"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("workerId"), refused.getMessage());
            twin.close();

            rig.engine().close(); // a graceful stop says goodbye: the same identity starts again at once
            long started = System.nanoTime();
            SagaEngine next = SagaEngine.builder().environment(rig.env())
                    .settings(SagaTestRig.testSettings().workerId("node-a").build())
                    .register(CrashSaga.class, new CrashSaga(rig.effects())).build();
            next.start();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            next.close();
            assertTrue(millis < EngineIdentity.STALE_AFTER.toMillis(),
                    "started again without waiting: " + millis + " ms");
        }
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void anEngineRestartedAfterSigkillTakesItsSagasBackBeforeTheirLeasesExpire(TestDatabase database)
            throws Exception {
        try (SagaTestRig rig = SagaTestRig.create(database, "saga_identity")) {
            // Tables and a starter engine that runs nothing (its workers are never started).
            SagaCoordinator sagas = rig.build(SagaTestRig.testSettings().workerId("starter").build(),
                    b -> b.register(CrashSaga.class, new CrashSaga(rig.effects()))).coordinator();
            File log = new File("target", "identity-child-" + database.name().toLowerCase() + ".log");
            Process child = ChildJvm.start(List.of(), CrashChild.class, log, rig.schema().jdbcUrl(),
                    nullToEmpty(rig.schema().user()), nullToEmpty(rig.schema().password()), "node-r", "2", "60");
            try {
                ChildJvm.awaitOutput(child, log, "READY", Duration.ofSeconds(60));
                UserTransaction ut = rig.env().userTransaction();
                ut.begin();
                for (int i = 0; i < SAGAS; i++) {
                    sagas.start(CrashSaga.class, new CrashData(i, i % 10 == 0, 20), "identity-" + i);
                }
                ut.commit();
                awaitCount(rig, "SELECT COUNT(*) FROM ferry_saga WHERE lease_owner = 'node-r'", 1,
                        Duration.ofSeconds(60));
                child.destroyForcibly(); // SIGKILL: its sagas stay leased for 60 s
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                long leased = rig.count("SELECT COUNT(*) FROM ferry_saga WHERE lease_owner = 'node-r'"
                        + " AND status NOT IN ('COMPLETED', 'COMPENSATED')");
                assertTrue(leased > 0, "the killed engine held sagas");

                long restarted = System.nanoTime();
                SagaEngine again = SagaEngine.builder().environment(rig.env())
                        .settings(CrashChild.crashSettings("node-r", 2).toBuilder()
                                .leaseDuration(Duration.ofSeconds(60)).build())
                        .register(CrashSaga.class, new CrashSaga(new Effects(rig.env().dataSource(), "node-r")))
                        .build();
                try {
                    again.start();
                    awaitCount(rig, TERMINAL, SAGAS, Duration.ofSeconds(45));
                } finally {
                    again.close();
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restarted);
                assertTrue(seconds < 30, "all sagas ended " + seconds + " s after the restart, lease 60 s");
                assertEquals(0, rig.count("SELECT COUNT(*) FROM (SELECT saga_id, action FROM effect"
                        + " GROUP BY saga_id, action HAVING COUNT(*) > 1) d"), "no effect applied twice");
                assertEquals(SAGAS / 10, rig.count("SELECT COUNT(*) FROM ferry_saga WHERE status = 'COMPENSATED'"));
                System.out.println(database + ": the restarted engine took back " + leased + " leased sagas and ended"
                        + " all " + SAGAS + " within " + seconds + " s (lease 60 s)");
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static void awaitCount(SagaTestRig rig, String sql, long atLeast, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline) {
            n = rig.count(sql);
            if (n >= atLeast) {
                return;
            }
            Thread.sleep(25);
        }
        fail("Only " + n + " of " + atLeast + " after " + within.toSeconds() + " s: " + sql);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

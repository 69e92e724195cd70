package dev.ferry.saga.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.testing.CrashData;
import dev.ferry.saga.testing.CrashSaga;
import dev.ferry.saga.testing.SagaTestRig;
import jakarta.transaction.UserTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A quick figure, not an assertion: three-step sagas per second on PostgreSQL, each step a JTA
 * transaction writing one business row and the saga's progress. Printed, and appended to
 * {@code target/saga-benchmark.txt}. {@code -Dferry.bench.sagas} and {@code -Dferry.bench.workers}
 * change the run.
 */
class SagaThroughputBenchmarkTest {

    @Test
    void threeStepSagasPerSecondOnPostgresql() throws Exception {
        int sagas = Integer.getInteger("ferry.bench.sagas", 2000);
        int workers = Integer.getInteger("ferry.bench.workers", 4);
        try (SagaTestRig rig = SagaTestRig.create(TestDatabase.POSTGRESQL, "saga_bench")) {
            SagaSettings settings = SagaSettings.builder().workers(workers).claimBatchSize(10)
                    .pollInterval(Duration.ofMillis(50)).build();
            SagaEngine engine = rig.build(settings, b -> b.register(CrashSaga.class,
                    new CrashSaga(rig.effects())));
            SagaCoordinator coordinator = engine.coordinator();

            run(rig, engine, coordinator, 300, "warm-up"); // JIT, pools
            long startNanos = System.nanoTime();
            startAll(rig, coordinator, sagas, "bench-");
            double startSeconds = (System.nanoTime() - startNanos) / 1e9;
            long runNanos = System.nanoTime();
            engine.start();
            awaitCompleted(rig, 300 + sagas);
            double runSeconds = (System.nanoTime() - runNanos) / 1e9;

            String line = String.format(Locale.ROOT, "PostgreSQL, %d workers, 1 JVM, %d cores: %d three-step sagas"
                            + " executed in %.2f s = %.0f sagas/s (%.0f step transactions/s); starting them"
                            + " (in transactions of 100) took %.2f s = %.0f starts/s",
                    workers, Runtime.getRuntime().availableProcessors(), sagas, runSeconds, sagas / runSeconds,
                    3 * sagas / runSeconds, startSeconds, sagas / startSeconds);
            System.out.println(line);
            Files.writeString(Path.of("target", "saga-benchmark.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            assertEquals(3L * (300 + sagas), rig.count("SELECT COUNT(*) FROM effect"));
        }
    }

    private static void run(SagaTestRig rig, SagaEngine engine, SagaCoordinator coordinator, int n, String prefix)
            throws Exception {
        startAll(rig, coordinator, n, prefix);
        engine.start();
        awaitCompleted(rig, n);
        engine.stop(Duration.ofSeconds(10));
    }

    private static void startAll(SagaTestRig rig, SagaCoordinator coordinator, int n, String prefix) throws Exception {
        UserTransaction ut = rig.env().userTransaction();
        for (int i = 0; i < n; i += 100) {
            ut.begin();
            for (int j = i; j < Math.min(n, i + 100); j++) {
                coordinator.start(CrashSaga.class, new CrashData(j, false, 0), prefix + j);
            }
            ut.commit();
        }
    }

    private static void awaitCompleted(SagaTestRig rig, long n) throws Exception {
        while (rig.count("SELECT COUNT(*) FROM ferry_saga WHERE status = 'COMPLETED'") < n) {
            Thread.sleep(10);
        }
    }
}

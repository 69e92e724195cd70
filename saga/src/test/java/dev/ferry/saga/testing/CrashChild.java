package dev.ferry.saga.testing;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.engine.SagaEngine;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second JVM running a saga engine on the same tables, to be killed with SIGKILL by
 * {@code SagaCrashRecoveryTest}, {@code EngineIdentityTest} and {@code SagaObservabilityTest}. Arguments:
 * JDBC URL, user, password, worker id, workers, optionally the lease in seconds (default 2), and
 * optionally {@code hang}: step one of every saga then hangs until the JVM is killed.
 */
public final class CrashChild {

    private CrashChild() {
    }

    /** Runs the engine until killed. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1].isEmpty() ? null : args[1];
        String password = args[2].isEmpty() ? null : args[2];
        String workerId = args[3];
        int workers = Integer.parseInt(args[4]);
        Duration lease = Duration.ofSeconds(args.length > 5 ? Integer.parseInt(args[5]) : 2);
        boolean hang = args.length > 6 && args[6].equals("hang");
        JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user(user).password(password)
                .objectStoreDirectory(Path.of("target", "narayana-" + workerId))
                .nodeIdentifier(workerId + "-" + ProcessHandle.current().pid())
                .build();
        SagaEngine engine = SagaEngine.builder().environment(env)
                .settings(crashSettings(workerId, workers).toBuilder().leaseDuration(lease).build())
                .register(CrashSaga.class, new CrashSaga(new Effects(env.dataSource(), workerId), hang))
                .build();
        engine.start();
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** @return the settings both JVMs of the crash test use */
    public static SagaSettings crashSettings(String workerId, int workers) {
        return SagaSettings.builder().workerId(workerId).workers(workers).claimBatchSize(5)
                .pollInterval(Duration.ofMillis(50)).leaseDuration(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(1)).build();
    }
}

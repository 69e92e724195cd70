package dev.ferry.bench;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * One relay JVM of figure 1's row with several relay JVMs on one table: one relay thread, in-process
 * no-op publisher. It first drains a warm-up table of its own, refilled until the JIT compiler has
 * settled (as the in-process rows' JVM has compiled the relay), builds the measured engine and prints
 * {@code READY}; on the line
 * {@code GO} it starts the relay and prints {@code PUBLISHED <count>} whenever its count changed
 * (every 5 ms at most); on {@code STOP}, or when its standard input ends, it stops the relay and
 * prints {@code CPU <process CPU nanoseconds from GO to STOP>} and {@code DONE <count>}.
 *
 * <p>Arguments: jdbcUrl user password|- schema table batchSize warmUpSchema warmUpMessages.
 */
public final class RelayDrainChild {

    private static volatile boolean stop;

    private RelayDrainChild() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on failure (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        String password = "-".equals(args[2]) ? null : args[2];
        int batch = Integer.parseInt(args[5]);
        long warmUp = Long.parseLong(args[7]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(args[0]).user(args[1]).password(password)
                .objectStoreDirectory(Files.createTempDirectory("ferry-bench-relay-jvm"))
                .build()) {
            if (warmUp > 0) {
                warmUp(env, args, batch, warmUp);
            }
            OutboxEngine engine = engine(env, args[3], args[4], batch);
            long cpu;
            try {
                say("READY");
                if (!"GO".equals(in.readLine())) {
                    return;
                }
                long cpu0 = processCpuNanos();
                engine.start();
                Thread stopper = new Thread(() -> awaitStop(in), "stop-reader");
                stopper.setDaemon(true);
                stopper.start();
                long reported = -1;
                while (!stop) {
                    long published = engine.relay().publishedCount();
                    if (published != reported) {
                        say("PUBLISHED " + published);
                        reported = published;
                    }
                    Thread.sleep(5);
                }
                cpu = processCpuNanos() - cpu0;
            } finally {
                engine.close();
            }
            say("CPU " + cpu);
            say("DONE " + engine.relay().publishedCount());
        }
        System.exit(0);
    }

    /**
     * Drains the warm-up table, refilled from its {@code template} each round, until the JIT
     * compiler has settled ({@link Warmup}, at most 10 rounds).
     */
    private static void warmUp(JavaSeEnvironment env, String[] args, int batch, long warmUp) throws Exception {
        String table = args[6] + "." + args[4];
        String columns = "id, topic, msg_key, msg_type, content_type, payload, headers, status, attempts, created_at,"
                + " available_at";
        try (OutboxEngine warm = engine(env, args[6], args[4], batch);
             Connection c = DriverManager.getConnection(args[0], args[1], "-".equals(args[2]) ? null : args[2]);
             Statement st = c.createStatement()) {
            warm.start();
            long[] target = {warmUp};
            Drains.awaitCount(() -> warm.relay().publishedCount(), target[0], "warm-up relay");
            Warmup.untilCompilerSettles("the relay JVM", 10, () -> {
                st.execute("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + args[6]
                        + ".template ORDER BY seq");
                target[0] += warmUp;
                Drains.awaitCount(() -> warm.relay().publishedCount(), target[0], "warm-up relay");
            });
        }
    }

    private static OutboxEngine engine(JavaSeEnvironment env, String schema, String table, int batch) {
        return OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(schema).table(table).batchSize(batch).relayThreads(1).build())
                .publisher(new InProcessPublisher(m -> { })).build();
    }

    private static void awaitStop(BufferedReader in) {
        try {
            String line;
            do {
                line = in.readLine();
            } while (line != null && !"STOP".equals(line));
        } catch (IOException e) {
            // the parent is gone: stop as well
        }
        stop = true;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

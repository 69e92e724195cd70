package dev.ferry.bench;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay JVM of figure 6: drains a loaded outbox table with one relay thread and reports, on
 * stdout, the heap used right after a full GC at every 5 % of the drain ({@code HEAP <published>
 * <bytes>}), then its peak resident set ({@code VMHWM <kB>}) and {@code DONE <seconds>}.
 *
 * <p>Arguments: jdbcUrl user password|- schema table messages batchSize.
 */
public final class RelayMemoryChild {

    private RelayMemoryChild() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on failure (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        String url = args[0];
        String user = args[1];
        String password = "-".equals(args[2]) ? null : args[2];
        String schema = args[3];
        String table = args[4];
        long n = Long.parseLong(args[5]);
        int batch = Integer.parseInt(args[6]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong received = new AtomicLong();
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(url).user(user).password(password)
                .objectStoreDirectory(Files.createTempDirectory("ferry-bench-memory"))
                .build();
             OutboxEngine engine = OutboxEngine.builder().environment(env)
                     .settings(OutboxSettings.builder().schema(schema).table(table).batchSize(batch).build())
                     .publisher(new InProcessPublisher(m -> received.incrementAndGet())).build()) {
            report(memory, 0);
            long t0 = System.nanoTime();
            engine.start();
            long step = Math.max(1, n / 20);
            long nextReport = step;
            while (true) {
                long done = engine.relay().publishedCount();
                if (done >= nextReport) {
                    report(memory, done);
                    nextReport = (done / step + 1) * step;
                }
                if (done >= n) {
                    break;
                }
                Thread.sleep(5);
            }
            System.out.printf("DONE %.3f%n", (System.nanoTime() - t0) / 1e9);
        }
        System.out.println("VMHWM " + vmHwmKb());
        System.out.flush();
        System.exit(0);
    }

    private static void report(MemoryMXBean memory, long published) {
        System.gc();
        System.out.println("HEAP " + published + " " + memory.getHeapMemoryUsage().getUsed());
        System.out.flush();
    }

    /** @return the peak resident set size in kB, from /proc/self/status, or -1 where there is none */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}

package dev.ferry.bench;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The relay JVM of figure 8: Ferry's relay with its defaults (1 thread, batch 200, poll 1 s), cross-node
 * wake-ups on or off, publishing to an in-process listener that prints {@code P <message id> <System.nanoTime()>}
 * for each message it receives. It prints {@code READY} once the relay runs, and stops when its standard
 * input ends.
 *
 * <p>Arguments: jdbcUrl user password|- schema crossNodeWakeUps(true|false).
 */
public final class CrossNodeLatencyChild {

    private CrossNodeLatencyChild() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on failure (non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        String password = "-".equals(args[2]) ? null : args[2];
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.US_ASCII);
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(args[0]).user(args[1]).password(password)
                .objectStoreDirectory(Files.createTempDirectory("ferry-bench-crossnode"))
                .build();
             OutboxEngine engine = OutboxEngine.builder().environment(env)
                     .settings(OutboxSettings.builder().schema(args[3])
                             .crossNodeWakeUps(Boolean.parseBoolean(args[4])).build())
                     .publisher(new InProcessPublisher(m -> {
                         long now = System.nanoTime();
                         synchronized (out) {
                             out.print("P ");
                             out.print(m.id());
                             out.print(' ');
                             out.println(now);
                             out.flush();
                         }
                     })).build()) {
            engine.start();
            synchronized (out) {
                out.println("READY");
                out.flush();
            }
            InputStream in = System.in;
            while (in.read() >= 0) {
                // until the parent closes our standard input
            }
        }
        out.flush();
        System.exit(0);
    }
}

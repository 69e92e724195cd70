package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Runs Ferry's benchmark on PostgreSQL and prints one table: every figure next to a reference
 * measured by the same harness in the same run, so that the ratio, not the noisy absolute value, is
 * what is compared with the target.
 *
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; mvn -q -pl bench exec:java
 *     [-Dbench.messages=100000] [-Dbench.only=relay,latency]
 * </pre>
 *
 * See {@link BenchOptions} for every option and {@code bench/README-section.md} for what each
 * figure means.
 */
public final class Bench {

    private Bench() {
    }

    /**
     * @param args ignored; options are system properties
     * @throws Exception when a scenario fails (the table printed so far is still printed)
     */
    public static void main(String[] args) throws Exception {
        Logging.quiet();
        BenchOptions options = BenchOptions.fromSystemProperties();
        OwnCluster cluster = null;
        if (options.cluster().equals("own")) {
            cluster = OwnCluster.start(); // stopped below, or by its shutdown hook if the JVM ends first
            options = options.onDatabase(cluster.jdbcUrl(), cluster.user());
            System.out.println("Started the bench's own PostgreSQL: " + cluster.describe());
        }
        BenchOptions o = options;
        Db db = new Db(o);
        ResultTable table = new ResultTable();
        System.out.printf(Locale.ROOT, "Ferry benchmark %s on %s: messages=%,d keys=%,d payload≈%d B relayBatch=%d"
                        + " peerMessages=%,d sagas=%,d xa=%s scenarios=%s%n", Instant.now(), o.jdbcUrl(), o.messages(),
                o.keys(), o.payloadBytes(), o.relayBatch(), o.peerMessages(), o.sagas(), o.xa(), o.only());
        long t0 = System.nanoTime();
        Throwable failure = null;
        try (JavaSeEnvironment env = JavaSeEnvironment.builder().jdbcUrl(o.jdbcUrl()).user(o.user())
                .password(o.password()).maxPoolSize(24).workerPoolSize(8).xa(o.xa())
                .objectStoreDirectory(Files.createTempDirectory("ferry-bench-narayana"))
                .build()) {
            if (o.runs("relay")) {
                section("1. relay throughput");
                new RelayThroughput(db, env).run(table);
            }
            if (o.runs("latency")) {
                section("2. commit-to-publish latency");
                new CommitLatency(db, env).run(table);
                if (o.database() == BenchDatabase.MARIADB) {
                    new RawCommitLatency(db).run(table); // the database's own commit latency, the floor
                }
            }
            if (o.runs("write")) {
                section("3. write overhead");
                new WriteOverhead(db, env).run(table);
            }
            if (o.runs("saga")) {
                section("4. saga throughput");
                new SagaThroughput(db, env).run(table);
            }
            if (o.runs("peers")) {
                section("5. peers");
                new Peers(db, env).run(table);
            }
            if (o.runs("memory")) {
                section("6. relay memory");
                new RelayMemory(db).run(table);
            }
            if (o.runs("tracing")) {
                section("7. tracing overhead: figures 1 and 2 with an OpenTelemetry SDK recording, and without");
                new TracingOverhead(db, env).run(table);
            }
            if (o.runs("crossnode")) {
                section("8. cross-node latency: writers here, the relay in another JVM, wake-ups on and off");
                new CrossNodeLatency(db, env).run(table);
            }
        } catch (Exception | Error e) {
            failure = e;
            e.printStackTrace();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        System.out.printf(Locale.ROOT, "%nFerry benchmark, %.0f s in all%n%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(table.text());
        String markdown = table.markdown();
        if (o.out() != null) {
            write(Path.of(o.out()), markdown);
            System.out.println("Markdown table written to " + Path.of(o.out()).toAbsolutePath());
        } else {
            System.out.println(markdown);
        }
        if (failure != null) {
            System.exit(1);
        }
        System.exit(0); // the pools' and engines' threads are gone; JBoss logging or Narayana may linger
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void write(Path path, String text) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, text);
    }
}

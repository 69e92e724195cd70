package dev.ferry.sample.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The soak (profile {@code soak}, not part of the test run): WildFly with the PostgreSQL XA data source, for
 * {@code -Dsoak.minutes} (10) at 1,000 messages/s (100 transactions of 10) and 100 sagas/s. Every 30 s it prints
 * the server's heap after a full GC, the rows of Ferry's tables and the commit-to-publish latency of the window.
 * It fails when the heap after GC or a table grows from the first half of the run (after the warm-up: saga
 * retention plus a minute) to the second by more than 10 % (tables: or by more than what one sample can catch
 * between batches and purges), or when the work is not all done after the load.
 * Run: {@code mvn -pl wildfly-it verify -Psoak [-Dsoak.minutes=10]}.
 */
class SoakIT {

    private static final String DATABASE = "ferry_matrix_soak";
    private static final int MESSAGES_PER_REQUEST = 10;
    private static final int REQUESTS_PER_SECOND = 100;
    private static final int SAGAS_PER_SECOND = 100;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    /** Saga retention (2 min) plus a minute: tables and heap are compared after it. */
    private static final Duration WARM_UP = Duration.ofMinutes(3);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();

    /** One sample of the run. */
    private record Sample(long seconds, long heapKib, long outboxRows, long sagaRows, long stepRows, long window,
                          long p50us, long p99us, long sent, long failed, long shed) {
    }

    @Test
    void tenMinutesAtAThousandMessagesAndAHundredSagasPerSecondStayFlat() throws Exception {
        Duration run = Duration.ofMinutes(Integer.getInteger("soak.minutes", 10));
        MatrixDatabase db = new MatrixDatabase(DATABASE);
        db.recreate();
        Path work = Path.of(System.getProperty("ferry.matrix.dir", "target/matrix")).toAbsolutePath()
                .resolve("soak");
        WildFlyServer server = new WildFlyServer(AppServer.Pool.XA, db.name, work);
        server.start();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        try {
            server.deploy("soak", MatrixWars.soak(work.resolve("wars")));
            String base = server.baseUrl() + "/soak";
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong shed = new AtomicLong();
            Semaphore inFlight = new Semaphore(64);
            long periodMicros = 1_000_000L / (REQUESTS_PER_SECOND + SAGAS_PER_SECOND);
            AtomicLong tick = new AtomicLong();
            load.scheduleAtFixedRate(() -> {
                if (!inFlight.tryAcquire()) {
                    shed.incrementAndGet(); // the server is behind: the rate was not met, counted
                    return;
                }
                String path = tick.getAndIncrement() % 2 == 0 ? "/messages?n=" + MESSAGES_PER_REQUEST : "/sagas";
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            sent.incrementAndGet();
                            if (e != null || r.statusCode() >= 300) {
                                failed.incrementAndGet();
                            }
                        });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);

            List<Sample> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            System.out.println("[soak] " + run.toMinutes() + " min at " + REQUESTS_PER_SECOND * MESSAGES_PER_REQUEST
                    + " messages/s and " + SAGAS_PER_SECOND + " sagas/s on " + server.name());
            System.out.println("[soak]   time  heap after GC  outbox rows  saga rows  step rows  delivered  p50 ms"
                    + "  p99 ms  requests  failed  shed");
            while (System.nanoTime() - t0 < run.toNanos()) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                String latency = get(base + "/latency");
                Sample s = new Sample((System.nanoTime() - t0) / 1_000_000_000L, heapAfterGc(server.jvm()),
                        db.count("SELECT COUNT(*) FROM ferry_outbox"), db.count("SELECT COUNT(*) FROM ferry_saga"),
                        db.count("SELECT COUNT(*) FROM ferry_saga_step"), field(latency, "window"),
                        field(latency, "p50us"), field(latency, "p99us"), sent.get(), failed.get(), shed.get());
                samples.add(s);
                System.out.printf(Locale.ROOT, "[soak] %5ds  %9.1f MiB  %11d  %9d  %9d  %9d  %6.1f  %6.1f  %8d  %6d"
                                + "  %4d%n", s.seconds(), s.heapKib() / 1024.0, s.outboxRows(), s.sagaRows(),
                        s.stepRows(), s.window(), s.p50us() / 1000.0, s.p99us() / 1000.0, s.sent(), s.failed(),
                        s.shed());
            }
            load.shutdownNow();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long requests = sent.get();
            System.out.printf(Locale.ROOT, "[soak] achieved %.0f requests/s of %d (%d failed, %d shed)%n",
                    requests / seconds, REQUESTS_PER_SECOND + SAGAS_PER_SECOND, failed.get(), shed.get());

            List<Sample> measured = samples.stream().filter(s -> s.seconds() >= WARM_UP.toSeconds()).toList();
            assertTrue(measured.size() >= 4, "the run is too short to compare halves: " + measured.size()
                    + " samples after the warm-up; run at least 6 minutes");
            List<Sample> first = measured.subList(0, measured.size() / 2);
            List<Sample> second = measured.subList(measured.size() / 2, measured.size());
            List<String> growth = new ArrayList<>();
            // A sample catches a table between the relay's batches or the purges: the slack is one second of
            // messages for the outbox, one purge interval of sagas (two steps each) for the saga tables.
            growth.add(flat("heap after GC (KiB)", first, second, Sample::heapKib, 0));
            growth.add(flat("outbox rows", first, second, Sample::outboxRows,
                    REQUESTS_PER_SECOND * MESSAGES_PER_REQUEST));
            growth.add(flat("saga rows", first, second, Sample::sagaRows, SAGAS_PER_SECOND * 15));
            growth.add(flat("saga step rows", first, second, Sample::stepRows, SAGAS_PER_SECOND * 15 * 2));
            growth.add(flat("p99 commit-to-publish latency (µs), printed only", first, second, Sample::p99us, 0));
            growth.forEach(g -> System.out.println("[soak] " + g));
            assertEquals(0, failed.get(), "requests failed during the soak; see " + server.log());
            for (String g : growth.subList(0, 4)) {
                assertTrue(g.endsWith("flat"), g);
            }
            awaitDrained(db);
        } finally {
            load.shutdownNow();
            server.stop();
        }
    }

    /**
     * @param slack what a sample may catch beyond a steady state (rows waiting for the next batch or purge)
     * @return "what: first-half max, second-half max: flat|GROWS" (flat: at most 10 % more, or the slack)
     */
    private static String flat(String what, List<Sample> first, List<Sample> second,
                               java.util.function.ToLongFunction<Sample> value, long slack) {
        long a = first.stream().mapToLong(value).max().orElse(0);
        long b = second.stream().mapToLong(value).max().orElse(0);
        boolean flat = b <= Math.max(a * 1.10, a + slack);
        return what + ": max " + a + " in the first half, " + b + " in the second: " + (flat ? "flat" : "GROWS");
    }

    private static void awaitDrained(MatrixDatabase db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (db.count("SELECT COUNT(*) FROM ferry_outbox") > 0
                || db.count("SELECT COUNT(*) FROM ferry_saga WHERE status <> 'COMPLETED'") > 0) {
            assertTrue(System.nanoTime() < deadline, "not drained 2 minutes after the load: "
                    + db.count("SELECT COUNT(*) FROM ferry_outbox") + " outbox rows, "
                    + db.map("SELECT status, COUNT(*) FROM ferry_saga GROUP BY status") + " sagas");
            Thread.sleep(500);
        }
    }

    /** Runs a full GC in the server's JVM and reads the heap it left, in KiB. */
    private static long heapAfterGc(ProcessHandle jvm) throws Exception {
        String pid = Long.toString(jvm.pid());
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(String pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}

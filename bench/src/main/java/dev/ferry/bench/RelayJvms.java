package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Figure 1's row with several relay JVMs on one table: each a {@link RelayDrainChild} with one relay
 * thread, all started at the same moment on the same backlog as the in-process rows. The time runs
 * from the {@code GO} sent to every JVM until their published counts add up to the backlog; the
 * JVMs' start and warm-up are not timed. The table must then be empty.
 */
final class RelayJvms {

    /** Messages each relay JVM drains per warm-up round from a table of its own before it is timed. */
    private static final int WARM_UP = 20_000;

    private final Db db;
    private final Drains drains;

    RelayJvms(Db db, Drains drains) {
        this.db = db;
        this.drains = drains;
    }

    /**
     * @return messages per second
     */
    double drain(String schema, int n, int jvms, int batchSize) throws Exception {
        BenchOptions o = db.options();
        int warmUp = Math.min(n, WARM_UP);
        drains.prepareFerryTable(schema, n);
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < jvms; i++) {
                String warm = schema + "_warm" + i;
                drains.prepareFerryTable(warm, warmUp);
                db.execute("CREATE TABLE " + warm + ".template AS SELECT * FROM " + warm + "." + Drains.TABLE);
            }
            for (int i = 0; i < jvms; i++) {
                children.add(new Child(i + 1, List.of(o.jdbcUrl(), o.user(), o.password() == null ? "-" : o.password(),
                        schema, Drains.TABLE, Integer.toString(batchSize), schema + "_warm" + i,
                        Integer.toString(warmUp))));
            }
            for (Child c : children) {
                c.awaitReady();
            }
            double seconds;
            CpuMeter.Reading cpu0 = CpuMeter.read();
            try (WaitEventSampler waits = WaitEventSampler.start(db, schema + ".")) {
                long t0 = System.nanoTime();
                for (Child c : children) {
                    c.send("GO");
                }
                Drains.awaitCount(() -> children.stream().mapToLong(c -> c.published).sum(), n, "relay JVMs");
                seconds = (System.nanoTime() - t0) / 1e9;
                CpuMeter.Reading postgres = CpuMeter.read().minus(cpu0);
                Drains.printWaits(jvms + " relay JVMs", waits.stop(n));
                for (Child c : children) {
                    c.send("STOP");
                }
                long jvmNanos = 0;
                for (Child c : children) {
                    jvmNanos += c.awaitDone();
                }
                Drains.printCpu(jvms + " relay JVMs", new CpuMeter.Reading(jvmNanos, postgres.postgresNanos()), n,
                        seconds);
            }
            long delivered = children.stream().mapToLong(c -> c.done).sum();
            long left = db.count("SELECT count(*) FROM " + schema + "." + Drains.TABLE);
            if (left != 0 || delivered < n) {
                throw new IllegalStateException(jvms + " relay JVMs: " + left + " rows left, " + delivered
                        + " delivered");
            }
            System.out.printf(Locale.ROOT, "  %d relay JVMs: %s%n", jvms, String.join(", ",
                    children.stream().map(c -> String.format(Locale.ROOT, "%,d", c.done)).toList()));
            return n / seconds;
        } finally {
            for (Child c : children) {
                c.end();
            }
            db.dropSchema(schema);
            for (int i = 0; i < jvms; i++) {
                db.dropSchema(schema + "_warm" + i);
            }
        }
    }

    /** One relay JVM, and the thread that reads what it prints. */
    private static final class Child {
        private final int number;
        private final Process process;
        private final Writer stdin;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile long published;
        private volatile long cpuNanos = -1;
        private volatile long done = -1;

        Child(int number, List<String> args) throws IOException {
            this.number = number;
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-cp");
            cmd.add(RelayMemory.classpath());
            cmd.add(RelayDrainChild.class.getName());
            cmd.addAll(args);
            this.process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            Thread reader = new Thread(this::read, "relay-jvm-" + number);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.trim().split(" ");
                    switch (f[0]) {
                        case "READY" -> ready.countDown();
                        case "PUBLISHED" -> published = Long.parseLong(f[1]);
                        case "CPU" -> cpuNanos = Long.parseLong(f[1]);
                        case "DONE" -> done = Long.parseLong(f[1]);
                        default -> System.out.println("  [relay JVM " + number + "] " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("  [relay JVM " + number + "] unreadable output: " + e);
            } finally {
                ready.countDown();
                finished.countDown();
            }
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(300, TimeUnit.SECONDS) || !process.isAlive()) {
                throw new IllegalStateException("relay JVM " + number + " did not get ready");
            }
        }

        void send(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        /** @return its CPU time while it ran */
        long awaitDone() throws InterruptedException {
            if (!finished.await(60, TimeUnit.SECONDS) || done < 0) {
                throw new IllegalStateException("relay JVM " + number + " did not finish");
            }
            return cpuNanos;
        }

        void end() throws InterruptedException {
            try {
                stdin.close();
            } catch (IOException e) {
                // it has ended
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}

package dev.ferry.bench;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.TableName;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Draining a backlog of outbox messages: Ferry's relay, and the raw limit — plain JDBC deleting the
 * same rows in batches of 100 with {@code SKIP LOCKED}, from a table of the same definition loaded
 * the same way.
 */
final class Drains {

    static final String TABLE = "ferry_outbox";

    private final Db db;
    private final JavaSeEnvironment env;
    private CpuMeter.Reading lastFerryCpu = CpuMeter.Reading.ZERO;

    Drains(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    /** Creates Ferry's outbox table in a fresh schema and loads {@code n} messages into it. */
    void prepareFerryTable(String schema, int n) throws SQLException, InterruptedException {
        prepareFerryTable(schema, n, "NULL");
    }

    /** As {@link #prepareFerryTable(String, int)}, each message's headers being {@code headersSql}. */
    private void prepareFerryTable(String schema, int n, String headersSql) throws SQLException,
            InterruptedException {
        db.freshSchema(schema);
        BenchDatabase database = db.options().database();
        new SchemaInstaller(env.workerDataSource(), database.ferryDialect()).createIfMissing("outbox",
                new TableName(schema, TABLE));
        double seconds;
        if (database == BenchDatabase.MARIADB) {
            if (!"NULL".equals(headersSql)) {
                throw new IllegalArgumentException("trace headers are loaded on PostgreSQL only");
            }
            seconds = new MariaDbLoad(db).load(schema, TABLE, n, db.options().keys());
        } else {
            seconds = db.loadFerryOutbox(schema, TABLE, n, db.options().keys(), headersSql);
        }
        System.out.printf(Locale.ROOT, "  loaded %,d messages into %s.%s in %.1f s%n", n, schema, TABLE, seconds);
    }

    /**
     * Drains the table with Ferry's relay (in-process no-op publisher).
     *
     * @return messages per second, from start until the last message was recorded as delivered
     */
    /** @return the CPU the last Ferry drain used, in this JVM and in PostgreSQL */
    CpuMeter.Reading lastFerryCpu() {
        return lastFerryCpu;
    }

    double ferry(String schema, int n, int relayThreads, int batchSize) throws Exception {
        return ferry(schema, n, relayThreads, batchSize, null);
    }

    /**
     * As {@link #ferry(String, int, int, int)}, with tracing on when {@code otel} is given: the
     * engine records through it, and each message of the backlog carries a {@code traceparent} of its
     * own, as messages written in traced requests do, so every PRODUCER span has a parent.
     *
     * @param otel the OpenTelemetry the relay records through, or null for none (no trace headers)
     * @return messages per second, from start until the last message was recorded as delivered
     */
    double ferry(String schema, int n, int relayThreads, int batchSize, OpenTelemetry otel) throws Exception {
        return ferry(schema, n, relayThreads, batchSize, otel, otel != null);
    }

    /**
     * As {@link #ferry(String, int, int, int, OpenTelemetry)}, choosing apart whether the backlog
     * carries trace headers: with headers and no {@code otel}, the relay reads, decodes and passes on
     * the headers of traced messages without recording anything.
     *
     * @param traceHeaders whether each message carries a {@code traceparent}
     * @return messages per second
     */
    double ferry(String schema, int n, int relayThreads, int batchSize, OpenTelemetry otel, boolean traceHeaders)
            throws Exception {
        prepareFerryTable(schema, n, traceHeaders ? Db.traceHeadersSql("g") : "NULL");
        AtomicLong received = new AtomicLong();
        OutboxSettings settings = OutboxSettings.builder().schema(schema).table(TABLE).relayThreads(relayThreads)
                .batchSize(batchSize).build();
        OutboxEngine.Builder builder = OutboxEngine.builder().environment(env).settings(settings)
                .publisher(new InProcessPublisher(m -> received.incrementAndGet()));
        if (otel != null) {
            builder.openTelemetry(otel);
        }
        OutboxEngine engine = builder.build();
        MariaDbCounters counters0 = mariaDbCounters();
        CpuMeter.Reading cpu0 = CpuMeter.read();
        long compiler0 = Warmup.compilerCpuNanos();
        long t0 = System.nanoTime();
        double seconds;
        engine.start();
        try (WaitEventSampler waits = WaitEventSampler.start(db, schema + ".")) {
            awaitCount(() -> engine.relay().publishedCount(), n, "Ferry relay");
            seconds = (System.nanoTime() - t0) / 1e9;
            lastFerryCpu = CpuMeter.read().minus(cpu0); // before the pool's connections close
            printWaits("Ferry relay, " + relayThreads + " thread(s)", waits.stop(n));
            printCpu("Ferry relay, " + relayThreads + " thread(s)", lastFerryCpu, n, seconds);
            System.out.printf(Locale.ROOT, "  JIT compiler, Ferry relay: %.2f µs/msg of the JVM's%n",
                    (Warmup.compilerCpuNanos() - compiler0) / 1e3 / n);
            printServerWork("Ferry relay", counters0, n);
        } finally {
            engine.close();
        }
        long left = db.count("SELECT count(*) FROM " + schema + "." + TABLE);
        if (left != 0 || received.get() < n) {
            throw new IllegalStateException("Ferry relay: " + left + " rows left, " + received.get() + " received");
        }
        db.dropSchema(schema);
        return n / seconds;
    }

    /**
     * Drains the table with plain JDBC on {@code connections} connections (auto-commit), each
     * repeating {@code DELETE … WHERE seq IN (SELECT seq … ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED)};
     * on MariaDB, which cannot do that in one statement, each repeating {@link MariaDbRawDrain}'s
     * transaction.
     *
     * @return rows per second
     */
    double raw(String schema, int n, int connections) throws Exception {
        prepareFerryTable(schema, n);
        String t = schema + "." + TABLE;
        String sql = "DELETE FROM " + t + " WHERE seq IN (SELECT seq FROM " + t
                + " ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED)";
        AtomicLong deleted = new AtomicLong();
        List<Connection> open = new ArrayList<>();
        double seconds;
        try {
            for (int i = 0; i < connections; i++) {
                open.add(db.connect());
            }
            MariaDbCounters counters0 = mariaDbCounters();
            WaitEventSampler waits = WaitEventSampler.start(db, t);
            CpuMeter.Reading cpu0 = CpuMeter.read();
            long t0 = System.nanoTime();
            Workers workers = Workers.start("raw-drain", connections, (i, failed) -> {
                if (db.options().database() == BenchDatabase.MARIADB) {
                    try (MariaDbRawDrain drain = new MariaDbRawDrain(open.get(i), t)) {
                        int emptyInARow = 0;
                        while (emptyInARow < 3 && deleted.get() < n && !failed.getAsBoolean()) {
                            int k = drain.deleteBatch();
                            deleted.addAndGet(k);
                            emptyInARow = k == 0 ? emptyInARow + 1 : 0;
                        }
                    }
                    return;
                }
                try (PreparedStatement ps = open.get(i).prepareStatement(sql)) {
                    int emptyInARow = 0;
                    while (emptyInARow < 3 && deleted.get() < n && !failed.getAsBoolean()) {
                        int k = ps.executeUpdate();
                        deleted.addAndGet(k);
                        emptyInARow = k == 0 ? emptyInARow + 1 : 0;
                    }
                }
            });
            try (waits) {
                workers.join();
                seconds = (System.nanoTime() - t0) / 1e9;
                CpuMeter.Reading cpu = CpuMeter.read().minus(cpu0);
                printWaits("raw drain, " + connections + " connection(s)", waits.stop(n));
                printCpu("raw drain, " + connections + " connection(s)", cpu, n, seconds);
            }
            printServerWork("raw drain", counters0, n);
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        long left = db.count("SELECT count(*) FROM " + t);
        if (left != 0 || deleted.get() != n) {
            throw new IllegalStateException("raw drain: " + left + " rows left, " + deleted.get() + " deleted");
        }
        db.dropSchema(schema);
        return n / seconds;
    }

    /** Prints a drain's wait-event breakdown ({@link WaitEventSampler}), if it was sampled. */
    static void printWaits(String what, String breakdown) {
        if (breakdown != null) {
            System.out.println("  wait events, " + what + ": " + breakdown);
        }
    }

    /**
     * Prints a drain's CPU per message in this JVM and in PostgreSQL (all of the server's processes on
     * this machine, so also other sessions'), and the cores they kept busy on average.
     */
    static void printCpu(String what, CpuMeter.Reading cpu, long n, double seconds) {
        if (cpu.postgresNanos() > 0) {
            System.out.printf(Locale.ROOT, "  CPU, %s: JVM %.1f µs/msg, PostgreSQL %.1f µs/msg (%.2f + %.2f cores)%n",
                    what, cpu.jvmNanos() / 1e3 / n, cpu.postgresNanos() / 1e3 / n, cpu.jvmNanos() / 1e9 / seconds,
                    cpu.postgresNanos() / 1e9 / seconds);
        }
    }

    /** @return MariaDB's status counters now, or null on another database */
    private MariaDbCounters mariaDbCounters() throws SQLException {
        return db.options().database() == BenchDatabase.MARIADB ? MariaDbCounters.read(db) : null;
    }

    /** On MariaDB, prints the server's work per message since {@code before}. */
    private void printServerWork(String what, MariaDbCounters before, long n) throws SQLException {
        if (before != null) {
            System.out.println("  " + what + ", MariaDB per message: "
                    + MariaDbCounters.read(db).perMessageSince(before, n));
        }
    }

    /** Waits until {@code progress} reaches {@code n}; fails when it stalls for 60 s. */
    static void awaitCount(java.util.function.LongSupplier progress, long n, String what) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = progress.getAsLong();
            if (now >= n) {
                return;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException(what + " stalled at " + now + " of " + n);
            }
            Thread.sleep(2);
        }
    }
}

package dev.ferry.bench;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.UserTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Figure 3: JTA transactions per second on 8 threads, each persisting one JPA entity (EclipseLink),
 * with and without one outbox message in the same transaction. The relay runs in both variants
 * (publishing what the variant with messages writes), as it would in production. A diagnostic third
 * variant writes messages with no relay running (the write path alone). The variants take turns in
 * rounds so that a change in the machine's load hits all alike, after all have run until the JIT
 * compiler settled. A bound row runs the same round trips in plain JDBC ({@link BareWrites}),
 * a second one sends both {@code INSERT}s in one round trip, and the CPU each transaction costs in this
 * JVM and in PostgreSQL is printed ({@link CpuMeter}). A fourth variant, taking its turn with the
 * others, runs the write path with the cheapest relay there can be beside it ({@link RawStreamDrain}):
 * the points it costs the writers bound what the relay's cost under the stream can be brought to.
 */
final class WriteOverhead {

    static final String SCHEMA = "bench_write";
    static final int THREADS = 8;
    static final int ROUNDS = 3;
    /** Warm-up rounds of 2 s of the relay alone under the stream, at least. */
    static final int RELAY_WARMUP_ROUNDS = 12;
    /** The outbox table of the variant without a relay (the write path alone). */
    static final String ALONE_TABLE = "ferry_outbox_alone";
    /** The outbox table of the variant with {@link RawStreamDrain} beside the write path. */
    static final String RAW_TABLE = "ferry_outbox_raw";

    private final Db db;
    private final JavaSeEnvironment env;

    WriteOverhead(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        db.freshSchema(SCHEMA);
        BenchOrder.createTable(db, SCHEMA);
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("ferry-bench",
                Map.of("jakarta.persistence.jtaDataSource", env.dataSource()));
        OutboxEngine engine = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(SCHEMA)
                        .smallBatchPause(Duration.ofMillis(db.options().writeRelayPauseMillis())).build())
                .publisher(new InProcessPublisher(m -> { })).createTables(true).build();
        // The write path alone: an engine over a table of its own whose relay never starts (and that
        // announces no commits to other nodes' relays), measured in the same rounds as the others.
        OutboxEngine writeOnly = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(SCHEMA).table(ALONE_TABLE).crossNodeWakeUps(false).build())
                .createTables(true).build();
        // The write path with the cheapest relay beside it: the same, over a table that a RawStreamDrain drains.
        OutboxEngine rawDrained = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(SCHEMA).table(RAW_TABLE).crossNodeWakeUps(false).build())
                .createTables(true).build();
        int relayBatch = OutboxSettings.builder().build().batchSize();
        engine.start();
        String payload = Db.payload(7, db.options().payloadBytes());
        int seconds = db.options().writeSeconds();
        try {
            Warmup.untilCompilerSettles("every variant", () -> { // JIT, pools, EclipseLink metadata
                measure(emf, engine, payload, false, 1);
                measure(emf, engine, payload, true, 1);
                measure(emf, writeOnly, payload, true, 1);
                rawDrained(emf, rawDrained, payload, relayBatch, 1);
            });
            // The relay's round runs a few hundred times a second under this stream, not thousands like the
            // writers' code: when the rounds of every variant settled it was still in the JIT compiler's
            // profiling tier, and its optimised compilation (half a second of a core) then fell into a
            // measured round with the relay running. Warmed up alone for at least RELAY_WARMUP_ROUNDS rounds
            // of 2 s (thousands of relay rounds), as in a relay that has run for a minute.
            Warmup.untilCompilerSettles("the relay under a steady stream", RELAY_WARMUP_ROUNDS, Warmup.MAX_ROUNDS,
                    () -> measure(emf, engine, payload, true, 2));
            // Entity only, with a message and the relay running, with a message and no relay, with a message and
            // the raw drain: in rounds that each start one variant later, so that the machine's load, and the JIT
            // compiler's work that is still going on, fall on all of them alike.
            Tally[] ferry = rotate(4, v -> switch (v) {
                case 0 -> sampled("entity only", () -> measure(emf, engine, payload, false, seconds / ROUNDS));
                case 1 -> sampled("entity + outbox message, relay running",
                        () -> measure(emf, engine, payload, true, seconds / ROUNDS));
                case 2 -> sampled("entity + outbox message, relay stopped",
                        () -> measure(emf, writeOnly, payload, true, seconds / ROUNDS));
                default -> sampled("entity + outbox message, the raw drain running",
                        () -> rawDrained(emf, rawDrained, payload, relayBatch, seconds / ROUNDS));
            });
            double plain = ferry[0].rate();
            double with = ferry[1].rate();
            Tally alone = ferry[2];
            double withoutRelay = alone.rate();
            double withRawDrain = ferry[3].rate();
            engine.stop(Duration.ofSeconds(30));
            // Bound: the same round trips in plain JDBC, relay stopped, shapes taking turns.
            BareWrites bare = new BareWrites(db, SCHEMA + ".bench_order", SCHEMA + ".ferry_outbox", payload);
            Tally[] bound = rotate(BareWrites.Shape.values().length,
                    shape -> bare.measure(BareWrites.Shape.values()[shape], THREADS, seconds / ROUNDS));
            double bareRatio = bound[1].committed / (double) bound[0].committed;
            double pipelinedRatio = bound[2].committed / (double) bound[0].committed;
            System.out.printf(Locale.ROOT, "  entity only: %,.0f tx/s; entity + outbox message: %,.0f tx/s (relay"
                    + " stopped: %,.0f tx/s)%n", plain, with, withoutRelay);
            System.out.printf(Locale.ROOT, "  CPU per transaction, JVM + PostgreSQL: entity only %s; with a message %s;"
                    + " relay stopped %s%n", ferry[0].cpuPerTransaction(), ferry[1].cpuPerTransaction(),
                    alone.cpuPerTransaction());
            System.out.printf(Locale.ROOT, "  JVM CPU per transaction by thread: entity only %s; with a message %s;"
                    + " relay stopped %s; raw drain %s (its thread ends with each measurement: in the rest)%n",
                    ferry[0].jvmByKind(), ferry[1].jvmByKind(), alone.jvmByKind(), ferry[3].jvmByKind());
            double ferryPoints = (withoutRelay - with) / plain * 100;
            double rawPoints = (withoutRelay - withRawDrain) / plain * 100;
            System.out.printf(Locale.ROOT, "  the relay's cost under the stream, in points of entity only: Ferry's"
                    + " relay %.1f, the raw drain %.1f (CPU per transaction with the raw drain: %s)%n",
                    ferryPoints, rawPoints, ferry[3].cpuPerTransaction());
            System.out.printf(Locale.ROOT, "  plain JDBC, relay stopped: one INSERT %,.0f tx/s; two INSERTs %,.0f tx/s;"
                    + " two INSERTs in one round trip %,.0f tx/s%n", bound[0].rate(), bound[1].rate(), bound[2].rate());
            table.add(Figure.reference("3. JTA tx: 1 JPA entity, 8 threads", Figure.perSecond(plain)));
            table.add(Figure.ratio("3. JTA tx: 1 JPA entity + 1 outbox message, 8 threads, relay running",
                    Figure.perSecond(with), with / plain, 0.8, "≥ 0.80 of entity only"));
            table.add(Figure.info("3. (diagnostic) same, relay stopped: the write path alone",
                    Figure.perSecond(withoutRelay), withoutRelay / plain));
            table.add(Figure.info("3. (bound) same, the cheapest relay running instead of Ferry's (plain JDBC DELETE …"
                    + " RETURNING, same batch and pause, no order or attempts)", Figure.perSecond(withRawDrain),
                    withRawDrain / plain));
            table.add(Figure.info("3. the relay's cost under the stream, points of entity only below the write path"
                    + " alone: Ferry's relay / the cheapest relay (issue 20's target for Ferry's: ≤ 3)",
                    String.format(Locale.ROOT, "%.1f / %.1f", ferryPoints, rawPoints), null));
            table.add(Figure.info("3. (bound) plain JDBC, same round trips, no JPA/JTA/Ferry: entity + outbox row",
                    Figure.perSecond(bound[1].rate()), bareRatio));
            table.add(Figure.info("3. (bound) the same, both INSERTs in one round trip (pipelined; not possible in JDBC"
                    + " across EclipseLink and Ferry)", Figure.perSecond(bound[2].rate()), pipelinedRatio));
        } finally {
            engine.close();
            writeOnly.close();
            rawDrained.close();
            emf.close();
        }
        db.dropSchema(SCHEMA);
    }

    /**
     * Runs a measurement while {@link WaitEventSampler} samples the server's backends that work on the
     * figure's schema (the writers' and the relay's alike), and prints their wait events: what the
     * relay running changes on the server's side. Every variant is sampled, so that the sampler's
     * own cost falls on all of them alike.
     *
     * @return the measurement's transactions
     */
    private long sampled(String variant, Run run) throws Exception {
        try (WaitEventSampler waits = WaitEventSampler.start(db, SCHEMA + ".")) {
            long transactions = run.transactions();
            Drains.printWaits(variant, waits.stop(transactions, "tx"));
            return transactions;
        }
    }

    /** One measurement of a variant. */
    @FunctionalInterface
    private interface Run {
        /** @return transactions committed */
        long transactions() throws Exception;
    }

    /**
     * Runs {@code count} variants in {@link #ROUNDS} rounds, each round starting one variant later,
     * so that a change in the machine's load hits all alike.
     *
     * @return the totals of each variant, by its number
     */
    private static Tally[] rotate(int count, Numbered variant) throws Exception {
        Tally[] tallies = new Tally[count];
        for (int v = 0; v < count; v++) {
            tallies[v] = new Tally();
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < count; i++) {
                int v = (round + i) % count;
                tallies[v].record(() -> variant.transactions(v));
            }
        }
        return tallies;
    }

    /** One measurement of one of several variants. */
    @FunctionalInterface
    private interface Numbered {
        /** @return transactions committed by the variant with this number */
        long transactions(int variant) throws Exception;
    }

    /**
     * Transactions, wall-clock seconds and CPU of one variant, added up over its measurements; the
     * JVM's CPU also by kind of thread ({@link #THREAD_KINDS}, read from the threads alive at both
     * readings; the writers' threads end with each measurement, so theirs is the rest).
     */
    private static final class Tally {
        private long committed;
        private double seconds;
        private CpuMeter.Reading cpu = CpuMeter.Reading.ZERO;
        private final long[] byKind = new long[THREAD_KINDS.length];

        void record(Run run) throws Exception {
            long[] kinds0 = threadKinds(); // read outside the timed span, as it reads every thread's stat file
            long t0 = System.nanoTime();
            CpuMeter.Reading before = CpuMeter.read();
            committed += run.transactions();
            cpu = cpu.plus(CpuMeter.read().minus(before));
            seconds += (System.nanoTime() - t0) / 1e9;
            long[] kinds1 = threadKinds();
            for (int i = 0; i < byKind.length; i++) {
                byKind[i] += kinds1[i] - kinds0[i];
            }
        }

        /** @return the JVM's CPU per transaction by kind of thread, the writers' (and ended threads') as the rest */
        String jvmByKind() {
            StringBuilder b = new StringBuilder();
            long known = 0;
            for (int i = 0; i < byKind.length; i++) {
                known += byKind[i];
                b.append(String.format(Locale.ROOT, "%s %.0f, ", THREAD_KINDS[i][0], byKind[i] / 1e3 / committed));
            }
            return b.append(String.format(Locale.ROOT, "the rest (writers) %.0f µs",
                    (cpu.jvmNanos() - known) / 1e3 / committed)).toString();
        }

        double rate() {
            return committed / seconds;
        }

        String cpuPerTransaction() {
            return String.format(Locale.ROOT, "%.0f + %.0f µs", cpu.jvmNanos() / 1e3 / committed,
                    cpu.postgresNanos() / 1e3 / committed);
        }
    }

    /**
     * Kinds of this JVM's threads whose CPU figure 3 prints apart: a label, then prefixes of their names as
     * {@code /proc} gives them (15 characters at most).
     */
    private static final String[][] THREAD_KINDS = {
            {"relay", "ferry-relay-", "ferry-publish-", "ferry-telemetr"},
            {"wake-ups", "ferry-wake-"},
            {"JIT", "C1 CompilerThre", "C2 CompilerThre"},
            {"GC", "GC Thread", "G1 "},
            {"sampler", "wait-event-samp"}};

    /** @return CPU used so far by each kind of {@link #THREAD_KINDS}, by the threads alive now (one pass) */
    private static long[] threadKinds() {
        return CpuMeter.cpuNanosByKind(Path.of("/proc/self/task"), THREAD_KINDS.length, name -> {
            for (int k = 0; k < THREAD_KINDS.length; k++) {
                for (int p = 1; p < THREAD_KINDS[k].length; p++) {
                    if (name.startsWith(THREAD_KINDS[k][p])) {
                        return k;
                    }
                }
            }
            return -1;
        });
    }

    /**
     * The write path ({@link #measure}, with messages) while a {@link RawStreamDrain} drains its table.
     *
     * @return transactions committed in {@code seconds}
     */
    private long rawDrained(EntityManagerFactory emf, OutboxEngine engine, String payload, int batch, int seconds)
            throws Exception {
        String table = SCHEMA + "." + RAW_TABLE;
        long committed;
        RawStreamDrain drain = new RawStreamDrain(db, table, batch, db.options().writeRelayPauseMillis());
        try (drain) {
            committed = measure(emf, engine, payload, true, seconds);
        }
        long deleted = drain.deleted();
        if (deleted < committed / 2) {
            throw new IllegalStateException("The raw drain deleted " + deleted + " of " + committed
                    + " messages: it did not keep up, so it is no relay's bound");
        }
        return committed;
    }

    /** @return transactions committed in {@code seconds} */
    private long measure(EntityManagerFactory emf, OutboxEngine engine, String payload, boolean withOutbox,
                         int seconds) throws Exception {
        UserTransaction ut = env.userTransaction();
        CountingWindow window = CountingWindow.of(seconds);
        Workers.start("write", THREADS, (t, failed) -> {
            long begun;
            while (window.isOpen(begun = System.nanoTime()) && !failed.getAsBoolean()) {
                String id = UUID.randomUUID().toString();
                ut.begin();
                EntityManager em = emf.createEntityManager();
                try {
                    em.persist(new BenchOrder(id, "customer-" + (id.hashCode() & 1023), 4200));
                    if (withOutbox) {
                        engine.outbox().publish(OutboxMessage.builder("orders").key(id).type("OrderPlaced")
                                .jsonPayload(payload).build());
                    }
                } finally {
                    em.close();
                }
                ut.commit();
                window.count(begun);
            }
        }).join();
        return window.counted();
    }
}

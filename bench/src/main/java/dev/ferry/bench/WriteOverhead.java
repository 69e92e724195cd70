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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Figure 3: JTA transactions per second on 8 threads, each persisting one JPA entity (EclipseLink),
 * with and without one outbox message in the same transaction. The relay runs in both variants
 * (publishing what the variant with messages writes), as it would in production. The variants
 * alternate in rounds so that a change in the machine's load hits both alike, after both have run until
 * the JIT compiler settled. A diagnostic row repeats the variant with messages with the relay
 * stopped: the write path alone. A bound row runs the same round trips in plain JDBC ({@link BareWrites}),
 * a second one sends both {@code INSERT}s in one round trip, and the CPU each transaction costs in this
 * JVM and in PostgreSQL is printed ({@link CpuMeter}).
 */
final class WriteOverhead {

    static final String SCHEMA = "bench_write";
    static final int THREADS = 8;
    static final int ROUNDS = 2;

    private final Db db;
    private final JavaSeEnvironment env;

    WriteOverhead(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        db.freshSchema(SCHEMA);
        db.execute("CREATE TABLE " + SCHEMA + ".bench_order (id VARCHAR(36) PRIMARY KEY,"
                + " customer VARCHAR(100) NOT NULL,"
                + " total_cents BIGINT NOT NULL)");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("ferry-bench",
                Map.of("jakarta.persistence.jtaDataSource", env.dataSource()));
        OutboxEngine engine = OutboxEngine.builder().environment(env)
                .settings(OutboxSettings.builder().schema(SCHEMA).build())
                .publisher(new InProcessPublisher(m -> { })).createTables(true).build();
        engine.start();
        String payload = Db.payload(7, db.options().payloadBytes());
        int seconds = db.options().writeSeconds();
        try {
            Warmup.untilCompilerSettles("both variants", () -> { // JIT, pools, EclipseLink metadata
                measure(emf, engine, payload, false, 1);
                measure(emf, engine, payload, true, 1);
            });
            Tally[] ferry = alternate(withOutbox -> sampled(withOutbox ? "entity + outbox message, relay running"
                    : "entity only", () -> measure(emf, engine, payload, withOutbox, seconds / ROUNDS)));
            double plain = ferry[0].rate();
            double with = ferry[1].rate();
            // Diagnostic: the write path alone, with the relay stopped (its backlog is dropped with the schema).
            engine.stop(java.time.Duration.ofSeconds(30));
            Tally alone = new Tally();
            alone.record(() -> sampled("entity + outbox message, relay stopped",
                    () -> measure(emf, engine, payload, true, seconds / ROUNDS)));
            double withoutRelay = alone.rate();
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
            System.out.printf(Locale.ROOT, "  plain JDBC, relay stopped: one INSERT %,.0f tx/s; two INSERTs %,.0f tx/s;"
                    + " two INSERTs in one round trip %,.0f tx/s%n", bound[0].rate(), bound[1].rate(), bound[2].rate());
            table.add(Figure.reference("3. JTA tx: 1 JPA entity, 8 threads", Figure.perSecond(plain)));
            table.add(Figure.ratio("3. JTA tx: 1 JPA entity + 1 outbox message, 8 threads, relay running",
                    Figure.perSecond(with), with / plain, 0.8, "≥ 0.80 of entity only"));
            table.add(Figure.info("3. (diagnostic) same, relay stopped: the write path alone",
                    Figure.perSecond(withoutRelay), withoutRelay / plain));
            table.add(Figure.info("3. (bound) plain JDBC, same round trips, no JPA/JTA/Ferry: entity + outbox row",
                    Figure.perSecond(bound[1].rate()), bareRatio));
            table.add(Figure.info("3. (bound) the same, both INSERTs in one round trip (pipelined; not possible in JDBC"
                    + " across EclipseLink and Ferry)", Figure.perSecond(bound[2].rate()), pipelinedRatio));
        } finally {
            engine.close();
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

    /** One measurement of either variant. */
    @FunctionalInterface
    private interface Variant {
        /** @return transactions committed by the variant with or without an outbox message */
        long transactions(boolean withOutbox) throws Exception;
    }

    /**
     * Runs both variants in {@link #ROUNDS} rounds, alternating which goes first, so that a change in
     * the machine's load hits both alike.
     *
     * @return the totals without (0) and with (1) an outbox message
     */
    private static Tally[] alternate(Variant variant) throws Exception {
        return rotate(2, v -> variant.transactions(v == 1));
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

    /** Transactions, wall-clock seconds and CPU of one variant, added up over its measurements. */
    private static final class Tally {
        private long committed;
        private double seconds;
        private CpuMeter.Reading cpu = CpuMeter.Reading.ZERO;

        void record(Run run) throws Exception {
            long t0 = System.nanoTime();
            CpuMeter.Reading before = CpuMeter.read();
            committed += run.transactions();
            cpu = cpu.plus(CpuMeter.read().minus(before));
            seconds += (System.nanoTime() - t0) / 1e9;
        }

        double rate() {
            return committed / seconds;
        }

        String cpuPerTransaction() {
            return String.format(Locale.ROOT, "%.0f + %.0f µs", cpu.jvmNanos() / 1e3 / committed,
                    cpu.postgresNanos() / 1e3 / committed);
        }
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

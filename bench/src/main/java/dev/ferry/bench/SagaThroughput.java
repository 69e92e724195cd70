package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.engine.SagaEngine;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 4: three-step sagas per second (each step a JTA transaction inserting one row and writing
 * the saga's progress) with 1 and 4 workers, against the raw commit rate of single-row
 * transactions (plain JDBC, auto-commit, one INSERT each) on as many connections as workers.
 * Sagas are started beforehand (in transactions of 100); the clock runs from the workers' start to
 * the last saga's completion, after rounds of 300 sagas have run until the JIT compiler settled.
 * Ratio: sagas/s × 3 step transactions ÷ raw commits/s. A bound row runs a step's round trips in
 * plain JDBC ({@link BareSteps}) against the same raw rate.
 */
final class SagaThroughput {

    static final String SCHEMA = "bench_saga";
    static final int STEPS = 3;

    private final Db db;
    private final JavaSeEnvironment env;

    SagaThroughput(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.env = env;
    }

    void run(ResultTable table) throws Exception {
        int n = db.options().sagas();
        for (int workers : new int[] {1, 4}) {
            double raw = rawCommits(workers, 5);
            double sagas = sagas(workers, n);
            double bare = bareSteps(workers, 5);
            double ratio = sagas * STEPS / raw;
            System.out.printf(Locale.ROOT, "  %d worker(s): %,.0f sagas/s (%,.0f step tx/s); raw %,.0f commits/s;"
                    + " plain JDBC step round trips %,.0f tx/s%n", workers, sagas, sagas * STEPS, raw, bare);
            table.add(Figure.reference("4. raw single-row commits, " + workers + " conn", Figure.perSecond(raw)));
            table.add(Figure.ratio("4. three-step sagas, " + workers + " worker" + (workers > 1 ? "s" : "")
                            + String.format(Locale.ROOT, " (%,d sagas)", n), Figure.perSecond(sagas), ratio, 0.4,
                    "sagas × 3 ≥ 0.40 of raw"));
            table.add(Figure.info("4. (bound) plain JDBC, a step's round trips, no JTA/Ferry, " + workers + " conn",
                    Figure.perSecond(bare), bare / raw));
        }
    }

    private void prepare() throws Exception {
        db.freshSchema(SCHEMA);
        db.execute("CREATE TABLE " + SCHEMA + ".effect (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " saga_id VARCHAR(36) NOT NULL, step VARCHAR(60) NOT NULL)");
    }

    double sagas(int workers, int n) throws Exception {
        prepare();
        SagaSettings settings = SagaSettings.builder().schema(SCHEMA).workers(workers).build();
        SagaEngine engine = SagaEngine.builder().environment(env).settings(settings)
                .register(BenchSaga.class, new BenchSaga(env.dataSource(), SCHEMA + ".effect"))
                .createTables(true).build();
        SagaCoordinator sagas = engine.coordinator();
        int warmup = Math.min(300, n);
        long[] done = {0};
        Warmup.untilCompilerSettles(workers + " worker(s)", () -> {
            startAll(sagas, warmup);
            engine.start();
            done[0] += warmup;
            awaitCompleted(done[0]);
            engine.stop(java.time.Duration.ofSeconds(30));
        });
        startAll(sagas, n);
        long t0 = System.nanoTime();
        engine.start();
        awaitCompleted(done[0] + n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        engine.close();
        long effects = db.count("SELECT count(*) FROM " + SCHEMA + ".effect");
        if (effects != STEPS * (done[0] + n)) {
            throw new IllegalStateException("expected " + STEPS * (done[0] + n) + " step effects, found " + effects);
        }
        db.dropSchema(SCHEMA);
        return n / seconds;
    }

    private void startAll(SagaCoordinator sagas, int n) throws Exception {
        UserTransaction ut = env.userTransaction();
        for (int i = 0; i < n; i += 100) {
            ut.begin();
            for (int j = i; j < Math.min(n, i + 100); j++) {
                sagas.start(BenchSaga.class, new BenchSaga.Data(j));
            }
            ut.commit();
        }
    }

    /**
     * Polls until {@code n} sagas are completed: one connection, every 50 ms. The count is not free (about
     * 2 ms of the server's CPU at 7,000 sagas; polled every 10 ms it took up to a sixth of a core from the
     * sagas); 50 ms adds at most 1 % to a measured run.
     */
    private void awaitCompleted(long n) throws Exception {
        String sql = "SELECT count(*) FROM " + SCHEMA + ".ferry_saga WHERE status = 'COMPLETED'";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            Drains.awaitCount(() -> {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    long done = rs.getLong(1);
                    if (done < n) {
                        Thread.sleep(50);
                    }
                    return done;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, n, "sagas");
        }
    }

    /** @return step-shaped plain JDBC transactions per second ({@link BareSteps}) on {@code connections} */
    double bareSteps(int connections, int seconds) throws Exception {
        prepare();
        double rate = new BareSteps(db, SCHEMA).rate(connections, seconds);
        db.dropSchema(SCHEMA);
        return rate;
    }

    /** @return single-row auto-commit transactions per second on {@code connections} connections */
    double rawCommits(int connections, int seconds) throws Exception {
        prepare();
        AtomicLong done = new AtomicLong();
        Workers.start("raw-commit", connections, (i, failed) -> {
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA
                         + ".effect (saga_id, step) VALUES (?, ?)")) {
                long warmEnd = System.nanoTime() + 1_000_000_000L;
                long end = warmEnd + seconds * 1_000_000_000L;
                long now;
                while ((now = System.nanoTime()) < end && !failed.getAsBoolean()) {
                    ps.setString(1, java.util.UUID.randomUUID().toString());
                    ps.setString(2, "raw");
                    ps.executeUpdate();
                    if (now >= warmEnd) {
                        done.incrementAndGet();
                    }
                }
            }
        }).join();
        db.dropSchema(SCHEMA);
        return done.get() / (double) seconds;
    }
}

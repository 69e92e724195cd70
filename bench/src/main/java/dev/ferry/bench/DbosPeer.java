package dev.ferry.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.DBOSClient;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.migrations.MigrationManager;
import dev.dbos.transact.txstep.JdbcStepFactory;
import dev.dbos.transact.workflow.Queue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Figure 4's peer: <a href="https://github.com/dbos-inc/dbos-transact-java">DBOS Transact</a> running
 * the same three-step process ({@link DbosThreeSteps}) from a DBOS queue whose worker concurrency is
 * the number of workers, on a connection pool of its own sized like Ferry's. Its system tables live
 * in a schema of their own ({@link #SCHEMA}), created empty here and dropped by {@link #close()}.
 *
 * <p>Like Ferry's sagas, the workflows of a round are enqueued beforehand (through a
 * {@link DBOSClient}, while no DBOS executor runs); the clock runs from the moment
 * {@link DBOS#launch()} returned (its start-up is not counted) until every workflow of the round has
 * status {@code SUCCESS}; then DBOS is shut down until the next round.
 *
 * <p>DBOS's queue runner dequeues only when it polls the queue (every second by default, and not when
 * a workflow ends), up to the worker concurrency less the workflows running. With the default a
 * worker would idle until the next poll after each workflow (one workflow per second with one
 * worker); {@link #POLLING_INTERVAL} is the interval that gave DBOS its best rate here.
 */
final class DbosPeer implements AutoCloseable {

    static final String SCHEMA = "bench_dbos";
    static final String QUEUE = "bench-sagas";
    /**
     * Of 1, 2, 5, 10 and 50 ms, measured here with 1 and 4 workers, 2 ms gave DBOS its best mean rate
     * (1 to 10 ms within the machine's noise, 50 ms slower; see RESULTS.md).
     */
    static final Duration POLLING_INTERVAL = Duration.ofMillis(2);

    private final Db db;
    private final String effectTable;
    private final HikariDataSource pool;
    private final DBOSClient client;
    private final DBOS dbos;
    private long enqueued;

    /**
     * Creates the schema, the effect table, the pool and a DBOS instance with the workflow and the
     * queue registered (not yet launched).
     *
     * @param db the database
     * @param effectTable the qualified table the steps write to (created here)
     * @param workers the queue's worker concurrency
     * @param pollingInterval how often DBOS polls the queue ({@link #POLLING_INTERVAL} in the figure)
     * @param poolSize the most connections of DBOS's pool
     */
    DbosPeer(Db db, String effectTable, int workers, Duration pollingInterval, int poolSize) throws Exception {
        this.db = db;
        this.effectTable = effectTable;
        db.freshSchema(SCHEMA);
        db.execute("CREATE TABLE " + effectTable + " (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " saga_id VARCHAR(36) NOT NULL, step VARCHAR(60) NOT NULL)");
        pool = pool(db.options(), poolSize);
        DBOSConfig config = DBOSConfig.defaults("ferry-bench").withDataSource(pool).withDatabaseSchema(SCHEMA)
                .withAppVersion("ferry-bench");
        dbos = new DBOS(config);
        dbos.registerQueue(new Queue(QUEUE).withWorkerConcurrency(workers).withPollingInterval(pollingInterval));
        JdbcStepFactory steps = new JdbcStepFactory(dbos, pool);
        dbos.registerProxy(DbosProcess.class, new DbosThreeSteps(steps, effectTable));
        MigrationManager.runMigrations(config); // the system tables, so that the client can enqueue
        client = new DBOSClient(pool, SCHEMA);
    }

    /** DBOS's own pool settings ({@code SystemDatabase.createDataSource}), with Ferry's pool size. */
    private static HikariDataSource pool(BenchOptions o, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("dbos-bench");
        c.setJdbcUrl(o.jdbcUrl());
        c.setUsername(o.user());
        c.setPassword(o.password());
        c.setMaxLifetime(60_000);
        c.setKeepaliveTime(30_000);
        c.setConnectionTimeout(10_000);
        c.setValidationTimeout(2_000);
        c.setInitializationFailTimeout(-1);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        c.addDataSourceProperty("ApplicationName", "dbos-bench");
        return new HikariDataSource(c);
    }

    /**
     * Enqueues {@code n} workflows, launches DBOS, waits until all of them succeeded and shuts DBOS
     * down.
     *
     * @return seconds from the end of the launch to the last success (enqueueing, launch and shutdown
     *     untimed)
     */
    double run(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            long k = enqueued++;
            client.enqueueWorkflow(new DBOSClient.EnqueueOptions(DbosThreeSteps.WORKFLOW_NAME,
                    DbosThreeSteps.CLASS_NAME, QUEUE).withWorkflowId("dbos-" + k), new Object[] {(int) k});
        }
        dbos.launch();
        long t0 = System.nanoTime();
        try {
            awaitSucceeded(enqueued);
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            dbos.shutdown();
        }
    }

    /**
     * Polls DBOS's status table every 50 ms (as figure 4 polls Ferry's) until {@code n} workflows
     * succeeded; fails as soon as one ended otherwise.
     */
    private void awaitSucceeded(long n) throws Exception {
        String sql = "SELECT count(*) FILTER (WHERE status = 'SUCCESS'), count(*) FILTER (WHERE status IN ('ERROR',"
                + " 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', 'CANCELLED')) FROM " + SCHEMA + ".workflow_status";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            Drains.awaitCount(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long done = rs.getLong(1);
                    if (rs.getLong(2) > 0) {
                        throw new IllegalStateException("DBOS: " + rs.getLong(2) + " workflow(s) failed; see "
                                + SCHEMA + ".workflow_status");
                    }
                    if (done < n) {
                        Thread.sleep(50);
                    }
                    return done;
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, n, "DBOS workflows");
        }
    }

    /**
     * Checks that every workflow enqueued so far succeeded and committed its three rows, each with its
     * step's checkpoint, so that a fast but wrong run cannot pass.
     */
    void verify() throws Exception {
        long n = enqueued;
        expect("workflows", n, "SELECT count(*) FROM " + SCHEMA + ".workflow_status");
        expect("succeeded workflows", n,
                "SELECT count(*) FROM " + SCHEMA + ".workflow_status WHERE status = 'SUCCESS'");
        expect("step rows", SagaThroughput.STEPS * n, "SELECT count(*) FROM " + effectTable);
        expect("workflows with their three steps' rows", n, "SELECT count(*) FROM (SELECT saga_id FROM " + effectTable
                + " GROUP BY saga_id HAVING count(DISTINCT step) = 3 AND count(*) = 3) w");
        expect("transactional step checkpoints", SagaThroughput.STEPS * n,
                "SELECT count(*) FROM " + SCHEMA + ".tx_step_outputs WHERE error IS NULL");
    }

    private void expect(String what, long expected, String sql) throws Exception {
        long found = db.count(sql);
        if (found != expected) {
            throw new IllegalStateException("DBOS: expected " + expected + " " + what + ", found " + found);
        }
    }

    /** Shuts DBOS down, closes the client and the pool, and drops the system schema. */
    @Override
    public void close() throws SQLException {
        dbos.shutdown();
        client.close();
        pool.close();
        db.dropSchema(SCHEMA);
    }
}

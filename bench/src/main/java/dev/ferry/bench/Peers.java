package dev.ferry.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.gruelbox.transactionoutbox.Dialect;
import com.gruelbox.transactionoutbox.Instantiator;
import com.gruelbox.transactionoutbox.Persistor;
import com.gruelbox.transactionoutbox.Submitter;
import com.gruelbox.transactionoutbox.TransactionManager;
import com.gruelbox.transactionoutbox.TransactionOutbox;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ferry.runtime.se.JavaSeEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 5: the same backlog drained by Ferry and by its peers on the same database in the same run,
 * each configured as its documentation recommends for throughput:
 * <ul>
 *   <li>gruelbox transaction-outbox: {@code DefaultPersistor} with the PostgreSQL dialect ({@code SKIP
 *       LOCKED}), a background thread calling {@code flush()} while it finds work (the README's
 *       worker), default {@code flushBatchSize} (4096), and an executor of 8 threads with the
 *       default submitter's queue (16,384) instead of the default single thread on 2 cores;
 *       {@code flush()} is called only while the queue has room for a batch, so no task is rejected
 *       and deferred by {@code attemptFrequency}.</li>
 *   <li>db-scheduler: one-time tasks, lock-and-fetch polling ({@code pollUsingLockAndFetch(0.5, 1.0)},
 *       {@code SELECT … FOR UPDATE SKIP LOCKED}, recommended for PostgreSQL), 20 threads, 1 s polling
 *       interval, the documented PostgreSQL table and indexes.</li>
 *   <li>Debezium ({@link DebeziumOutbox}), where the server decodes its WAL logically: the outbox event
 *       router with Debezium's defaults, its backlog committed one event per transaction after its
 *       slot exists, the clock running from the engine's start until the in-process consumer has
 *       received every event.</li>
 *   <li>Ferry: the relay with 2 threads and the figure-1 batch size.</li>
 * </ul>
 * Each backlog holds {@code bench.peerMessages} messages of about {@code bench.payloadBytes} bytes,
 * bulk-loaded and analysed like figure 1's; the clock runs until the last row is gone. Ferry also
 * keeps per-key order (10,000 keys); the peers are run unordered, their fastest mode.
 */
final class Peers {

    static final int GRUELBOX_THREADS = 8;
    static final int DB_SCHEDULER_THREADS = 20;

    private final Db db;
    private final Drains drains;

    Peers(Db db, JavaSeEnvironment env) {
        this.db = db;
        this.drains = new Drains(db, env);
    }

    void run(ResultTable table) throws Exception {
        int n = db.options().peerMessages();
        double ferry = drains.ferry("bench_peer_ferry", n, 2, db.options().relayBatch());
        System.out.printf(Locale.ROOT, "  Ferry relay, 2 threads: %,.0f msg/s%n", ferry);
        double gruelbox = gruelbox("bench_peer_gruelbox", n);
        System.out.printf(Locale.ROOT, "  gruelbox transaction-outbox: %,.0f msg/s%n", gruelbox);
        double dbScheduler = dbScheduler("bench_peer_dbscheduler", n);
        System.out.printf(Locale.ROOT, "  db-scheduler: %,.0f executions/s%n", dbScheduler);
        String backlog = String.format(Locale.ROOT, " (%,d msgs)", n);
        table.add(Figure.info("5. Ferry relay, 2 threads" + backlog, Figure.perSecond(ferry), null));
        table.add(Figure.ratio("5. gruelbox transactionoutbox-core 4.2.268, " + GRUELBOX_THREADS + " threads",
                Figure.perSecond(gruelbox), ferry / gruelbox, 1.0, "Ferry ahead (ratio = Ferry ÷ peer > 1)"));
        table.add(Figure.ratio("5. db-scheduler 16.12.0, lock-and-fetch, " + DB_SCHEDULER_THREADS + " threads",
                Figure.perSecond(dbScheduler), ferry / dbScheduler, 1.0, "Ferry ahead (ratio = Ferry ÷ peer > 1)"));
        String why = DebeziumOutbox.unavailable(db);
        if (why != null) {
            System.out.println("  Debezium not run: " + why);
            table.add(Figure.info("5. Debezium " + DebeziumOutbox.VERSION + ": not run, " + why, "", null));
            return;
        }
        double debezium = debezium("bench_peer_debezium", n);
        System.out.printf(Locale.ROOT, "  Debezium: %,.0f events/s%n", debezium);
        table.add(Figure.ratio("5. Debezium " + DebeziumOutbox.VERSION + " outbox router (WAL, defaults), to an"
                        + " in-process consumer", Figure.perSecond(debezium), ferry / debezium, 1.0,
                "Ferry at least Debezium (ratio = Ferry ÷ peer ≥ 1)"));
    }

    /**
     * Debezium's outbox: the backlog is committed one event per transaction after the slot exists
     * (Debezium reads the WAL, not the table), then the engine starts with its defaults; the clock
     * runs from its start until the in-process consumer has received every routed event.
     */
    double debezium(String schema, int n) throws Exception {
        try (DebeziumOutbox outbox = DebeziumOutbox.create(db, schema)) {
            double load = outbox.loadBacklog(n, db.options().keys(), db.options().payloadBytes());
            System.out.printf(Locale.ROOT, "  loaded %,d Debezium outbox events (one transaction each) in %.1f s%n",
                    n, load);
            long start = System.nanoTime();
            outbox.start(null, id -> { });
            Drains.awaitCount(outbox::received, n, "Debezium");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  Debezium: first event %.2f s after the engine's start, last %.2f s%n",
                    outbox.secondsToFirst(), seconds);
            return n / seconds;
        }
    }

    private HikariDataSource pool(String schema, int size) {
        HikariConfig c = new HikariConfig();
        String url = db.options().jdbcUrl();
        c.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        c.setUsername(db.options().user());
        c.setPassword(db.options().password());
        c.setMaximumPoolSize(size);
        c.setPoolName("bench-" + schema);
        return new HikariDataSource(c);
    }

    double gruelbox(String schema, int n) throws Exception {
        db.freshSchema(schema);
        GruelboxTarget target = new GruelboxTarget();
        String keyMark = "KEY_MARK";
        String payloadMark = "PAYLOAD_MARK";
        try (HikariDataSource ds = pool(schema, GRUELBOX_THREADS + 2)) {
            TransactionManager tm = TransactionManager.fromDataSource(ds);
            // Write one real entry through the API (not run: a submitter that drops it), then copy it.
            TransactionOutbox writer = TransactionOutbox.builder().transactionManager(tm)
                    .persistor(Persistor.forDialect(Dialect.POSTGRESQL_9))
                    .instantiator(Instantiator.using(c -> target))
                    .submitter((entry, run) -> { })
                    .build();
            tm.inTransaction(() -> writer.schedule(GruelboxTarget.class).publish("orders", keyMark, payloadMark));
            long t0 = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                List<String> cols = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = 'txno_outbox' ORDER BY ordinal_position")) {
                    ps.setString(1, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cols.add(rs.getString(1));
                        }
                    }
                }
                List<String> exprs = new ArrayList<>();
                for (String col : cols) {
                    exprs.add(switch (col) {
                        case "id" -> "gen_random_uuid()::text";
                        case "invocation" -> "replace(replace(t.invocation, '" + keyMark + "', 'key-' || (g % "
                                + db.options().keys() + ")), '" + payloadMark + "', replace("
                                + Db.payloadSql("g", db.options().payloadBytes()) + ", '\"', '\\\"'))";
                        case "nextattempttime" -> "t.nextattempttime - interval '1 day'";
                        default -> "t." + col;
                    });
                }
                try (var st = c.createStatement()) {
                    st.execute("INSERT INTO txno_outbox (" + String.join(", ", cols) + ") SELECT "
                            + String.join(", ", exprs) + " FROM txno_outbox t, generate_series(0, " + (n - 1)
                            + ") g WHERE t.invocation LIKE '%" + keyMark + "%'");
                    st.execute("DELETE FROM txno_outbox WHERE invocation LIKE '%" + keyMark + "%'");
                    st.execute("VACUUM ANALYZE txno_outbox");
                }
            }
            System.out.printf(Locale.ROOT, "  loaded %,d gruelbox entries in %.1f s%n", n,
                    (System.nanoTime() - t0) / 1e9);

            ThreadPoolExecutor executor = new ThreadPoolExecutor(GRUELBOX_THREADS, GRUELBOX_THREADS, 0,
                    TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(16_384));
            int flushBatch = 4096;
            TransactionOutbox outbox = TransactionOutbox.builder().transactionManager(tm)
                    .persistor(Persistor.forDialect(Dialect.POSTGRESQL_9))
                    .instantiator(Instantiator.using(c -> target))
                    .submitter(Submitter.withExecutor(executor))
                    .flushBatchSize(flushBatch)
                    .build();
            GruelboxTarget.CALLS.set(0);
            long start = System.nanoTime();
            Thread flusher = new Thread(() -> {
                while (GruelboxTarget.CALLS.get() < n && !Thread.currentThread().isInterrupted()) {
                    try {
                        if (executor.getQueue().remainingCapacity() >= flushBatch) {
                            if (!outbox.flush()) {
                                Thread.sleep(10);
                            }
                        } else {
                            Thread.sleep(1);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gruelbox-flusher");
            flusher.start();
            Drains.awaitCount(GruelboxTarget.CALLS::get, n, "gruelbox");
            awaitEmpty(schema + ".txno_outbox");
            double seconds = (System.nanoTime() - start) / 1e9;
            flusher.interrupt();
            flusher.join();
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            db.dropSchema(schema);
            return n / seconds;
        }
    }

    double dbScheduler(String schema, int n) throws Exception {
        db.freshSchema(schema);
        db.execute("CREATE TABLE " + schema + ".scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
                        + " task_data BYTEA, execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL,"
                        + " picked_by TEXT, last_success TIMESTAMP WITH TIME ZONE,"
                        + " last_failure TIMESTAMP WITH TIME ZONE,"
                        + " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
                        + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
        long t0 = System.nanoTime();
        byte[] data = Serializer.DEFAULT_JAVA_SERIALIZER.serialize(Db.payload(1, db.options().payloadBytes()));
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".scheduled_tasks (task_name,"
                     + " task_instance, task_data, execution_time, picked, version) SELECT 'publish', 'key-' || (g % "
                     + db.options().keys() + ") || '-' || g, ?, now() - interval '1 second', false, 1"
                     + " FROM generate_series(0, " + (n - 1) + ") g")) {
            ps.setBytes(1, data);
            ps.executeUpdate();
        }
        db.execute("CREATE INDEX execution_time_idx ON " + schema + ".scheduled_tasks (execution_time)",
                "CREATE INDEX last_heartbeat_idx ON " + schema + ".scheduled_tasks (last_heartbeat)",
                "CREATE INDEX priority_execution_time_idx ON " + schema
                        + ".scheduled_tasks (priority DESC, execution_time ASC)",
                "VACUUM ANALYZE " + schema + ".scheduled_tasks");
        System.out.printf(Locale.ROOT, "  loaded %,d db-scheduler executions in %.1f s%n", n,
                (System.nanoTime() - t0) / 1e9);
        AtomicLong executed = new AtomicLong();
        OneTimeTask<String> task = Tasks.oneTime("publish", String.class)
                .execute((instance, ctx) -> {
                    if (instance.getData() != null) {
                        executed.incrementAndGet();
                    }
                });
        try (HikariDataSource ds = pool(schema, DB_SCHEDULER_THREADS + 4)) {
            Scheduler scheduler = Scheduler.create(ds, task)
                    .serializer(Serializer.DEFAULT_JAVA_SERIALIZER)
                    .threads(DB_SCHEDULER_THREADS)
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .pollingInterval(Duration.ofSeconds(1))
                    .build();
            long start = System.nanoTime();
            scheduler.start();
            try {
                Drains.awaitCount(executed::get, n, "db-scheduler");
                awaitEmpty(schema + ".scheduled_tasks");
            } finally {
                scheduler.stop();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            db.dropSchema(schema);
            return n / seconds;
        }
    }

    /** Polls (one connection, every 5 ms) until the table has no row left. */
    private void awaitEmpty(String table) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(table + " not empty 60 s after the last execution");
                }
                Thread.sleep(5);
            }
        }
    }
}

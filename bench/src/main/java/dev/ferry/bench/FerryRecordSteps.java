package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.StepOutcome;
import dev.ferry.saga.StepRecord;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.store.SagaProgress;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaSchema;
import dev.ferry.saga.store.SagaStore;
import dev.ferry.saga.store.SagaUpdate;
import dev.ferry.saga.store.StepLog;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The bound of {@link BareSteps} with the records Ferry keeps: the same round trips in plain JDBC,
 * with no JTA, no engine and no claims, but the progress write is Ferry's own ({@link SagaProgress},
 * the statement a worker sends) on Ferry's tables (the saga row with its indexes, the step log with
 * its data before and after). Three steps per saga, the last one completing it, on sagas inserted
 * and leased to the connection beforehand. Its rate against {@link BareSteps#count}'s is what
 * Ferry's records cost; Ferry's sagas against it, what the engine (JTA, claims, its own work) costs.
 */
final class FerryRecordSteps {

    private static final String[] STEP_NAMES = {"reserve", "charge", "ship"};
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final Db db;
    private final SagaSettings settings;
    private final SqlDialect dialect;
    private final String effectTable;
    private final SagaStore store;
    private final SagaProgress progress;

    /**
     * @param db the database
     * @param schema a schema of its own, where Ferry's saga tables are created (never an engine's)
     * @param effectTable the qualified table the steps' own inserts go to
     */
    FerryRecordSteps(Db db, String schema, String effectTable) {
        this.db = db;
        this.settings = SagaSettings.builder().schema(schema).build();
        this.effectTable = effectTable;
        this.dialect = db.options().database().ferryDialect();
        this.store = new SagaStore(dialect, settings.instanceTable());
        this.progress = new SagaProgress(dialect, store, new StepLog(dialect, settings.stepTable()));
    }

    /**
     * Creates Ferry's saga tables in the schema.
     *
     * @param dataSource a data source on the database
     */
    void createTables(DataSource dataSource) {
        SagaSchema.createIfMissing(dataSource, dialect, settings);
    }

    /**
     * @param connections connections, each on sagas of its own
     * @param seconds the counted window, after a second of warm-up
     * @param sagasPerConnection sagas inserted beforehand for each connection: more than it completes in
     *     the warm-up and the window
     * @return step transactions committed in the window
     * @throws IllegalStateException if a connection ran out of sagas before the window closed
     */
    long count(int connections, int seconds, int sagasPerConnection) throws Exception {
        return count(connections, seconds, sagasPerConnection, null);
    }

    /**
     * The same step transactions through JTA, as {@link BareSteps#countThroughJta} runs the plain
     * bound's: Narayana's {@code UserTransaction} and the environment's pool, a connection taken per
     * transaction as a step takes it. Its rate is what any engine that runs each step in a JTA
     * transaction and writes Ferry's records can reach here, before claims or an engine's own work.
     *
     * @param env the environment whose transaction manager and pool the sagas use
     * @return step transactions committed in the window, as {@link #count(int, int, int)}
     */
    long countThroughJta(JavaSeEnvironment env, int connections, int seconds, int sagasPerConnection)
            throws Exception {
        return count(connections, seconds, sagasPerConnection, env);
    }

    private long count(int connections, int seconds, int sagasPerConnection, JavaSeEnvironment jta)
            throws Exception {
        List<List<SagaRow>> sagas = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            sagas.add(insertLeased("records-" + i, sagasPerConnection));
        }
        BenchDatabase database = db.options().database();
        CountingWindow window = CountingWindow.afterASecond(seconds);
        Workers.start("records-step", connections, (i, failed) -> {
            String owner = "records-" + i;
            if (jta == null) {
                try (Connection c = db.connect();
                     BareTransaction tx = new BareTransaction(c, db.options().xa(), database)) {
                    steps(sagas.get(i), owner, window, failed, step -> {
                        tx.begin();
                        step.run(c);
                        tx.commit();
                    });
                }
            } else {
                UserTransaction ut = jta.userTransaction();
                steps(sagas.get(i), owner, window, failed, step -> {
                    ut.begin();
                    try (Connection c = jta.dataSource().getConnection()) {
                        step.run(c);
                    } catch (Exception e) {
                        ut.rollback();
                        throw e;
                    }
                    ut.commit();
                });
            }
            if (window.isOpen(System.nanoTime()) && !failed.getAsBoolean()) {
                throw new IllegalStateException("connection " + i + " completed its " + sagasPerConnection
                        + " sagas before the window closed: give it more");
            }
        }).join();
        return window.counted();
    }

    /** A step's statements on the connection of its transaction. */
    @FunctionalInterface
    private interface Step {
        void run(Connection c) throws Exception;
    }

    /** Runs a step in a transaction of its own, committed when it returns. */
    @FunctionalInterface
    private interface InTransaction {
        void run(Step step) throws Exception;
    }

    /** Runs the steps of a connection's sagas in turn until the window closes or they run out. */
    private void steps(List<SagaRow> sagas, String owner, CountingWindow window, BooleanSupplier failed,
                       InTransaction inTransaction) throws Exception {
        String effectSql = "INSERT INTO " + effectTable + " (saga_id, step) VALUES (?, ?)";
        for (SagaRow saga : sagas) {
            SagaRow row = saga;
            for (int s = 0; s < STEP_NAMES.length; s++) {
                long begun = System.nanoTime();
                if (!window.isOpen(begun) || failed.getAsBoolean()) {
                    return;
                }
                SagaRow before = row;
                String stepName = STEP_NAMES[s];
                Instant now = Instant.now();
                SagaUpdate update = completed(before, s, now);
                inTransaction.run(c -> {
                    try (PreparedStatement effect = c.prepareStatement(effectSql)) { // as BareSteps
                        effect.setString(1, before.id().toString());
                        effect.setString(2, stepName);
                        effect.executeUpdate();
                    }
                    if (!progress.write(c, before, update, owner, LEASE, now)) {
                        throw new IllegalStateException("saga " + before.id() + " lost version " + before.version());
                    }
                });
                window.count(begun);
                row = before.after(update, now);
            }
        }
    }

    /** The change a worker writes when step {@code s} completed (as {@code Transitions.completed}). */
    private static SagaUpdate completed(SagaRow row, int s, Instant now) {
        StepRecord entry = new StepRecord(STEP_NAMES[s], StepOutcome.COMPLETED, 1, now, null)
                .withData(row.data(), row.data());
        if (s == STEP_NAMES.length - 1) {
            return new SagaUpdate(SagaStatus.COMPLETED, null, 0, row.data(), null, null, row.lastError(), false,
                    List.of(entry));
        }
        Instant due = row.nextRunAt() != null && !row.nextRunAt().isAfter(now) ? row.nextRunAt() : now;
        return new SagaUpdate(SagaStatus.RUNNING, STEP_NAMES[s + 1], 0, row.data(), null, due, row.lastError(),
                true, List.of(entry));
    }

    /** Inserts {@code n} sagas leased to {@code owner} (untimed); @return them as a worker holds them */
    private List<SagaRow> insertLeased(String owner, int n) throws SQLException {
        List<UUID> ids = new ArrayList<>(n);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Instant now = Instant.now();
            for (int k = 0; k < n; k++) {
                UUID id = UUID.randomUUID();
                store.insert(c, id, "bench-three-steps", 1, null, STEP_NAMES[0], "{\"n\":" + k + "}", now);
                ids.add(id);
            }
            try (PreparedStatement lease = c.prepareStatement("UPDATE " + settings.instanceTable()
                    + " SET lease_owner = ?, lease_until = ? WHERE lease_owner IS NULL AND status = 'RUNNING'")) {
                lease.setString(1, owner);
                dialect.setInstant(lease, 2, now.plus(LEASE));
                lease.executeUpdate();
            }
            c.commit();
            List<SagaRow> rows = new ArrayList<>(n);
            for (UUID id : ids) {
                rows.add(store.find(c, id));
            }
            c.commit();
            return rows;
        }
    }
}

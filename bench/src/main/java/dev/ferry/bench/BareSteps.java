package dev.ferry.bench;

import dev.ferry.runtime.se.JavaSeEnvironment;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The round trips of a saga step in plain JDBC, without JTA or Ferry: {@code BEGIN} (alone when the
 * benchmark's pool is XA, see {@link BareTransaction}), the step's {@code INSERT}, one statement that
 * updates a progress row and appends a log row (the shape of Ferry's progress write; on MariaDB, as
 * Ferry there, an {@code UPDATE} and an {@code INSERT}), {@code COMMIT}.
 * Each connection works on a progress row of its own. Their rate against single-row auto-commit
 * inserts is what any engine that records a step's progress in the step's transaction can reach on
 * this machine.
 */
final class BareSteps {

    private final Db db;
    private final String schema;
    private final String effectTable;

    /**
     * @param db the database
     * @param schema where the progress and log tables are (re)created
     * @param effectTable the qualified table the steps' own inserts go to
     */
    BareSteps(Db db, String schema, String effectTable) {
        this.db = db;
        this.schema = schema;
        this.effectTable = effectTable;
    }

    /**
     * @return step transactions committed in {@code seconds} on {@code connections} connections,
     *     after a second of warm-up
     */
    long count(int connections, int seconds) throws Exception {
        BenchDatabase database = db.options().database();
        String progressSql = prepare(connections);
        CountingWindow window = CountingWindow.afterASecond(seconds);
        Workers.start("bare-step", connections, (i, failed) -> {
            int row = i + 1;
            try (Connection c = db.connect();
                 BareTransaction tx = new BareTransaction(c, db.options().xa(), database)) {
                long begun;
                int version = 0;
                while (window.isOpen(begun = System.nanoTime()) && !failed.getAsBoolean()) {
                    tx.begin();
                    step(c, progressSql, row, version);
                    tx.commit();
                    version++;
                    window.count(begun);
                }
            }
        }).join();
        return window.counted();
    }

    /**
     * The same step transactions through JTA: Narayana's {@code UserTransaction} and the environment's
     * pool (XA or not, as the sagas get it), a connection taken per transaction as a step takes it,
     * and no Ferry. Its rate against {@link #count}'s is what JTA and the pool cost; Ferry's sagas
     * cannot pass it.
     *
     * @return step transactions committed in {@code seconds} on {@code connections} threads, after a
     *     second of warm-up
     */
    long countThroughJta(JavaSeEnvironment env, int connections, int seconds) throws Exception {
        String progressSql = prepare(connections);
        CountingWindow window = CountingWindow.afterASecond(seconds);
        Workers.start("jta-step", connections, (i, failed) -> {
            int row = i + 1;
            UserTransaction ut = env.userTransaction();
            long begun;
            int version = 0;
            while (window.isOpen(begun = System.nanoTime()) && !failed.getAsBoolean()) {
                ut.begin();
                try (Connection c = env.dataSource().getConnection()) {
                    step(c, progressSql, row, version);
                } catch (Exception e) {
                    ut.rollback();
                    throw e;
                }
                ut.commit();
                version++;
                window.count(begun);
            }
        }).join();
        return window.counted();
    }

    /** (Re)creates the progress and log tables, a progress row per connection; @return the progress statement */
    private String prepare(int connections) throws Exception {
        BenchDatabase database = db.options().database();
        db.execute("DROP TABLE IF EXISTS " + schema + ".bare_progress, " + schema + ".bare_log",
                "CREATE TABLE " + schema + ".bare_progress (id INT PRIMARY KEY, version INT NOT NULL,"
                        + " step VARCHAR(60) NOT NULL)",
                "CREATE TABLE " + schema + ".bare_log (" + database.identityKey() + ","
                        + " progress_id INT NOT NULL, step VARCHAR(60) NOT NULL)",
                "INSERT INTO " + schema + ".bare_progress (id, version, step) VALUES "
                        + String.join(", ", java.util.stream.IntStream.rangeClosed(1, connections)
                        .mapToObj(g -> "(" + g + ", 0, 'start')").toList()));
        // Ferry's progress write: one statement on PostgreSQL, an UPDATE and an INSERT on MariaDB.
        return mariaDb()
                ? "UPDATE " + schema + ".bare_progress SET version = version + 1, step = ? WHERE id = ? AND version = ?"
                : "WITH u AS (UPDATE " + schema + ".bare_progress SET version = version + 1, step = ? WHERE id = ?"
                        + " AND version = ? RETURNING id) INSERT INTO " + schema + ".bare_log (progress_id, step)"
                        + " SELECT id, ? FROM u";
    }

    private boolean mariaDb() {
        return db.options().database() == BenchDatabase.MARIADB;
    }

    /** A step's statements on {@code c}: its own insert and the progress write. */
    private void step(Connection c, String progressSql, int row, int version) throws SQLException {
        boolean mariaDb = mariaDb();
        try (PreparedStatement effect = c.prepareStatement("INSERT INTO " + effectTable
                + " (saga_id, step) VALUES (?, ?)");
             PreparedStatement progress = c.prepareStatement(progressSql)) {
            effect.setString(1, "bare-" + row);
            effect.setString(2, "step");
            effect.executeUpdate();
            progress.setString(1, "step");
            progress.setInt(2, row);
            progress.setInt(3, version);
            if (!mariaDb) {
                progress.setString(4, "step");
            }
            if (progress.executeUpdate() != 1) {
                throw new IllegalStateException("progress row " + row + " lost version " + version);
            }
            if (mariaDb) {
                try (PreparedStatement log = c.prepareStatement("INSERT INTO " + schema
                        + ".bare_log (progress_id, step) VALUES (?, ?)")) {
                    log.setInt(1, row);
                    log.setString(2, "step");
                    log.executeUpdate();
                }
            }
        }
    }
}

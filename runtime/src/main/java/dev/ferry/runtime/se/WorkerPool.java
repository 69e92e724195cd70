package dev.ferry.runtime.se;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The non-JTA pool of Ferry's relay and workers in Java SE: HikariCP, auto-commit off, read
 * committed, no idle connections kept. The only class that touches HikariCP, an optional dependency
 * ({@link SeLibraries} checks it is there first).
 */
final class WorkerPool implements AutoCloseable {

    private final HikariDataSource hikari;

    private WorkerPool(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    /**
     * @param jdbcUrl the database
     * @param user the user, or null
     * @param password the password, or null
     * @param size the most connections
     * @return the pool, which connects on first use
     */
    static WorkerPool open(String jdbcUrl, String user, String password, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("ferry-workers");
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setAutoCommit(false);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(30_000);
        c.setInitializationFailTimeout(-1);
        return new WorkerPool(new HikariDataSource(c));
    }

    /** @return the pool as a data source */
    DataSource dataSource() {
        return hikari;
    }

    @Override
    public void close() {
        hikari.close();
    }
}

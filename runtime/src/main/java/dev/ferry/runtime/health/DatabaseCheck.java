package dev.ferry.runtime.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Whether the database answers: a connection from the pool that passes {@code isValid}. */
public final class DatabaseCheck {

    /** How long the database has to answer. */
    public static final int TIMEOUT_SECONDS = 2;

    private DatabaseCheck() {
    }

    /**
     * @param name the check's name
     * @param dataSource the data source Ferry's own work uses
     * @param figures more data to show beside the answer (the engine's figures)
     * @return UP with the response time when the database answered in time, else DOWN with the error
     */
    public static CheckResult check(String name, DataSource dataSource, Map<String, Object> figures) {
        Map<String, Object> data = new LinkedHashMap<>();
        long started = System.nanoTime();
        boolean up;
        try (Connection c = dataSource.getConnection()) {
            up = c.isValid(TIMEOUT_SECONDS);
            if (!up) {
                data.put("error", "the connection did not answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (SQLException | RuntimeException e) {
            up = false;
            data.put("error", String.valueOf(e));
        }
        data.put("responseMillis", (System.nanoTime() - started) / 1_000_000);
        data.putAll(figures);
        return new CheckResult(name, up, data);
    }
}

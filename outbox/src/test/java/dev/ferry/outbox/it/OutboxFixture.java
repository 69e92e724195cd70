package dev.ferry.outbox.it;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** One test's database schema, Java SE environment and the engines built on them. */
final class OutboxFixture implements AutoCloseable {

    final TestSchema schema;
    final JavaSeEnvironment env;
    private final List<OutboxEngine> engines = new ArrayList<>();

    OutboxFixture(TestDatabase database, String name) {
        this.schema = database.createSchema(name);
        this.env = schema.environment();
    }

    OutboxSettings.Builder settings() {
        return OutboxSettings.builder().schema(schema.schema()).table("outbox");
    }

    OutboxEngine engine(OutboxSettings settings, MessagePublisher publisher) {
        return engine(settings, publisher, java.time.Clock.systemUTC());
    }

    OutboxEngine engine(OutboxSettings settings, MessagePublisher publisher, java.time.Clock clock) {
        OutboxEngine engine = OutboxEngine.builder().environment(env).settings(settings).publisher(publisher)
                .clock(clock).createTables(true).build();
        engines.add(engine);
        return engine;
    }

    <T> T inTransaction(Callable<T> work) throws Exception {
        return env.transactions().inNewTransaction(work);
    }

    long count(String sql) throws SQLException {
        try (Connection c = schema.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long countUnchecked(String sql) {
        try {
            return count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /**
     * @return each row's columns joined by a space (Oracle's {@code CONCAT} takes two arguments only,
     *     so a test does not build the text in SQL)
     */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = schema.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = schema.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        for (OutboxEngine e : engines) {
            e.close();
        }
        env.close();
        schema.close();
    }
}

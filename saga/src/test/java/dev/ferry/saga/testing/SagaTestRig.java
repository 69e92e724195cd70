package dev.ferry.saga.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.runtime.se.JavaSeEnvironment;
import dev.ferry.runtime.testing.TestDatabase;
import dev.ferry.runtime.testing.TestSchema;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.engine.SagaEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** A fresh schema, a Java SE environment, an effect table and a saga engine, for one test. */
public final class SagaTestRig implements AutoCloseable {

    private final TestDatabase database;
    private final TestSchema schema;
    private final JavaSeEnvironment env;
    private final Effects effects;
    private SagaEngine engine;

    private SagaTestRig(TestDatabase database, String prefix) throws SQLException {
        this.database = database;
        this.schema = database.createSchema(prefix);
        this.env = schema.environment();
        this.effects = new Effects(env.dataSource(), "main");
        try (Connection c = schema.connect()) {
            Effects.createTable(c, database);
        }
    }

    /** @return a rig on a fresh schema of the database */
    public static SagaTestRig create(TestDatabase database, String prefix) throws SQLException {
        return new SagaTestRig(database, prefix);
    }

    /** @return settings fit for tests: fast polling, short backoffs */
    public static SagaSettings.Builder testSettings() {
        return SagaSettings.builder().pollInterval(Duration.ofMillis(50)).leaseDuration(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(1)).workers(2);
    }

    /**
     * Builds and starts an engine.
     *
     * @param settings its settings
     * @param registrations registers its sagas
     * @return its coordinator
     */
    public SagaCoordinator start(SagaSettings settings, Consumer<SagaEngine.Builder> registrations) {
        return build(settings, registrations).start().coordinator();
    }

    /**
     * Builds an engine without starting it.
     *
     * @param settings its settings
     * @param registrations registers its sagas
     * @return the engine
     */
    public SagaEngine build(SagaSettings settings, Consumer<SagaEngine.Builder> registrations) {
        SagaEngine.Builder b = SagaEngine.builder().environment(env).settings(settings).createTables(true);
        registrations.accept(b);
        engine = b.build();
        return engine;
    }

    /** Builds and starts an engine with the test settings. */
    public SagaCoordinator start(Consumer<SagaEngine.Builder> registrations) {
        return start(testSettings().build(), registrations);
    }

    /** @return the engine */
    public SagaEngine engine() {
        return engine;
    }

    /** @return the environment */
    public JavaSeEnvironment env() {
        return env;
    }

    /** @return the schema */
    public TestSchema schema() {
        return schema;
    }

    /** @return the database */
    public TestDatabase database() {
        return database;
    }

    /** @return the effects recorder of this JVM */
    public Effects effects() {
        return effects;
    }

    /** Waits until a saga reaches one of the statuses (20 s at most). */
    public SagaView await(UUID id, SagaStatus... statuses) throws InterruptedException {
        List<SagaStatus> wanted = Arrays.asList(statuses);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<SagaView> view = Optional.empty();
        while (System.nanoTime() < deadline) {
            view = engine.coordinator().find(id);
            if (view.isPresent() && wanted.contains(view.get().status())) {
                return view.get();
            }
            Thread.sleep(20);
        }
        return fail("Saga " + id + " did not reach " + wanted + ": " + view.orElse(null));
    }

    /** @return the saga's effects in order */
    public List<String> effectsOf(UUID id) throws SQLException {
        try (Connection c = schema.connect()) {
            return Effects.of(c, id);
        }
    }

    /** @return the single number a query returns */
    public long count(String sql) throws SQLException {
        try (Connection c = schema.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            try {
                env.close();
            } finally {
                schema.close();
            }
        }
    }
}

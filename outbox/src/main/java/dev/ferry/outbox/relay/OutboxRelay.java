package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * The relay of an {@code OutboxEngine}, from {@code engine.relay()}: it publishes committed outbox
 * messages a batch at a time. The engine's relay threads run it ({@code relayThreads}); any number of
 * relays, in any number of JVMs, may run against one table. Thread-safe.
 *
 * <p>When the broker is unavailable ({@link BrokerUnavailableException}) for a batch it answered
 * nothing of, the relay counts no attempt against its messages and pauses its claims as a whole,
 * probing with one batch at doubling intervals ({@link OutboxSettings#backoff()}, at most 30 s) until
 * the broker answers. Its log lines, under this interface's name, start with the relay's id.
 */
public interface OutboxRelay {

    /**
     * Makes a relay; {@code OutboxEngine} does this, and runs it. Internal: not API.
     *
     * @param workerDataSource non-JTA connections for claiming and recording (auto-commit is turned off)
     * @param dialect the database's dialect
     * @param settings the outbox settings
     * @param json the codec for stored headers
     * @param publisher where messages go
     * @param clock the clock for due times
     * @return the relay
     */
    static OutboxRelay create(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, JsonCodec json,
                              MessagePublisher publisher, Clock clock) {
        return create(workerDataSource, dialect, settings, json, publisher, clock, Telemetry.none());
    }

    /**
     * Makes a relay that records a PRODUCER span per send and the relay's metrics; {@code OutboxEngine}
     * does this, and runs it. Internal: not API.
     *
     * @param workerDataSource non-JTA connections for claiming and recording (auto-commit is turned off)
     * @param dialect the database's dialect
     * @param settings the outbox settings
     * @param json the codec for stored headers
     * @param publisher where messages go
     * @param clock the clock for due times
     * @param telemetry records the spans and metrics
     * @return the relay
     */
    static OutboxRelay create(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, JsonCodec json,
                              MessagePublisher publisher, Clock clock, Telemetry telemetry) {
        return create(workerDataSource, dialect, settings, json, publisher, clock, telemetry, Thread::new, () -> { });
    }

    /**
     * Makes a relay as {@code OutboxEngine} does. Internal: not API.
     *
     * @param workerDataSource non-JTA connections for claiming and recording (auto-commit is turned off)
     * @param dialect the database's dialect
     * @param settings the outbox settings
     * @param json the codec for stored headers
     * @param publisher where messages go
     * @param clock the clock for due times
     * @param telemetry records the spans and metrics
     * @param threadFactory makes the threads the publisher is called on
     * @param clockRefresh run before each claim: reads the database's clock when its reading is old
     * @return the relay
     */
    static OutboxRelay create(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, JsonCodec json,
                              MessagePublisher publisher, Clock clock, Telemetry telemetry,
                              ThreadFactory threadFactory, Runnable clockRefresh) {
        return new JdbcOutboxRelay(workerDataSource, dialect, settings, json, publisher, clock, telemetry,
                threadFactory, clockRefresh);
    }

    /**
     * Claims, publishes and records one batch on the calling thread, as each relay thread does in a
     * loop; tests and tools drain the table with it while the engine is not started.
     *
     * @return whether a batch was found (more may be waiting); false while the relay pauses because
     *     the broker is unavailable
     * @throws SQLException if the database failed; the batch's transaction then rolls back and the
     *     batch is claimed again (published once more: delivery is at least once)
     */
    boolean relayOnce() throws SQLException;

    /** @return whether the relay pauses its claims because the broker is unavailable (it probes meanwhile) */
    boolean brokerUnavailable();

    /** @return messages this relay saw confirmed since it was made */
    long publishedCount();

    /**
     * Ends the threads the relay keeps for its publisher's calls; the engine calls this once its relay
     * threads stopped. A relay run again afterwards makes new ones.
     */
    default void close() {
    }
}

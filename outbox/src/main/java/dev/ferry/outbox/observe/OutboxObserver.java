package dev.ferry.outbox.observe;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.relay.OutboxRelay;
import dev.ferry.runtime.health.CheckResult;
import dev.ferry.runtime.health.DatabaseCheck;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.telemetry.Throttled;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the outbox's backlog with one cheap query, at most once per {@link #FIGURES_INTERVAL} however
 * often gauges and health checks ask, publishes it as gauges, and judges the outbox's health. The
 * query counts pending and dead messages through the status indexes (on PostgreSQL and SQL Server
 * partial indexes, read without the table while it is vacuumed), and takes the oldest pending
 * message's write time from the first {@value #OLDEST_WINDOW} sequence numbers of the backlog only:
 * messages are numbered as they are written, so the oldest is among the first, and the figure does
 * not read the whole backlog every few seconds while the relay drains it. The read runs after the
 * dialect's {@link SqlDialect#backgroundReadSetup()}.
 *
 * <p>Gauges: {@code ferry.outbox.pending}, {@code ferry.outbox.pending.oldest_age} (seconds) and
 * {@code ferry.outbox.dead_messages}, each with the attribute {@code ferry.outbox.table}.
 */
public final class OutboxObserver implements AutoCloseable {

    /** How long figures read from the table are reused. */
    public static final Duration FIGURES_INTERVAL = Duration.ofSeconds(5);

    /** How many sequence numbers from the backlog's head the oldest pending message is looked for in. */
    static final int OLDEST_WINDOW = 1000;

    private static final System.Logger LOG = System.getLogger(OutboxObserver.class.getName());

    private final DataSource workerDataSource;
    private final SqlDialect dialect;
    private final OutboxSettings settings;
    private final OutboxRelay relay;
    private final PollingLoop relayLoop;
    private final HealthThresholds thresholds;
    private final Clock clock;
    private final String sql;
    private final Throttled<OutboxFigures> figures;
    private final List<AutoCloseable> gauges = new ArrayList<>();

    /**
     * @param workerDataSource the data source of the relay's local transactions
     * @param dialect the database's dialect
     * @param settings the outbox settings (table)
     * @param relay the relay, whose outage the liveness check reports
     * @param relayLoop the loop running the relay's threads, which the liveness check watches; null for
     *     an outbox whose engine does not relay (built without a publisher): it has no liveness check
     * @param telemetry where the gauges are registered
     * @param thresholds readiness thresholds
     * @param clock the clock messages were written with
     */
    public OutboxObserver(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, OutboxRelay relay,
                          PollingLoop relayLoop, Telemetry telemetry, HealthThresholds thresholds, Clock clock) {
        this.workerDataSource = workerDataSource;
        this.dialect = dialect;
        this.settings = settings;
        this.relay = relay;
        this.relayLoop = relayLoop;
        this.thresholds = thresholds;
        this.clock = clock;
        String table = settings.table().toString();
        this.sql = dialect.selectValue("(SELECT COUNT(*) FROM " + table + " WHERE status = 'PENDING') AS pending, "
                + "(SELECT COUNT(*) FROM " + table + " WHERE status = 'DEAD') AS dead, "
                + "(SELECT MIN(created_at) FROM " + table + " WHERE status = 'PENDING' AND seq <= "
                + "(SELECT MIN(seq) FROM " + table + " WHERE status = 'PENDING') + " + OLDEST_WINDOW + ") AS oldest");
        this.figures = new Throttled<>(this::read, FIGURES_INTERVAL.toNanos(), System::nanoTime);
        if (telemetry.enabled()) {
            gauges.add(telemetry.gauge("ferry.outbox.pending", "Messages waiting to be published", "{message}",
                    g -> figures().ifPresent(f -> g.record(f.pending(), "ferry.outbox.table", table))));
            gauges.add(telemetry.gauge("ferry.outbox.pending.oldest_age",
                    "Age of the oldest message waiting to be published", "s",
                    g -> figures().ifPresent(f -> g.record(f.oldestPendingAge().toMillis() / 1000.0,
                            "ferry.outbox.table", table))));
            gauges.add(telemetry.gauge("ferry.outbox.dead_messages", "Messages parked as dead", "{message}",
                    g -> figures().ifPresent(f -> g.record(f.dead(), "ferry.outbox.table", table))));
        }
    }

    private java.util.Optional<OutboxFigures> figures() {
        try {
            return java.util.Optional.of(figures.get());
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "Cannot read the figures of outbox " + settings.table() + ": " + e);
            return java.util.Optional.empty();
        }
    }

    /**
     * @return the backlog, read from the table less than {@link #FIGURES_INTERVAL} ago or now
     * @throws Exception if the table cannot be read
     */
    public OutboxFigures read() throws Exception {
        return LocalConnections.inTransaction(workerDataSource, c -> {
            long pending = 0;
            long dead = 0;
            Instant oldest = null;
            if (dialect.backgroundReadSetup() != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(dialect.backgroundReadSetup());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pending = rs.getLong(1);
                    dead = rs.getLong(2);
                    oldest = dialect.getInstant(rs, 3);
                }
            }
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
            return new OutboxFigures(pending, age.isNegative() ? Duration.ZERO : age, dead);
        });
    }

    /**
     * @return the figures, at most {@link #FIGURES_INTERVAL} old
     * @throws Exception if the table cannot be read
     */
    public OutboxFigures cachedFigures() throws Exception {
        return figures.get();
    }

    /**
     * Liveness {@code ferry-outbox-relay}: DOWN when a relay thread ended without the relay being
     * stopped. Readiness {@code ferry-outbox}: DOWN when the database does not answer, the table
     * cannot be read, or a configured threshold is passed.
     *
     * @return the outbox's health, with its figures
     */
    public HealthReport health() {
        List<CheckResult> liveness = relayLoop == null ? List.of() : List.of(liveness());

        CheckResult db = DatabaseCheck.check("ferry-outbox", workerDataSource,
                Map.of("table", settings.table().toString()));
        if (!db.up()) {
            return new HealthReport(liveness, List.of(db));
        }
        Map<String, Object> data = new LinkedHashMap<>(db.data());
        boolean up = true;
        try {
            OutboxFigures f = figures.get();
            data.put("pending", f.pending());
            data.put("oldestPendingAgeSeconds", f.oldestPendingAge().toSeconds());
            data.put("deadMessages", f.dead());
            if (thresholds.maxOldestPendingAge() != null) {
                data.put("maxOldestPendingAgeSeconds", thresholds.maxOldestPendingAge().toSeconds());
                up &= f.oldestPendingAge().compareTo(thresholds.maxOldestPendingAge()) <= 0;
            }
            if (thresholds.maxDeadMessages() >= 0) {
                data.put("maxDeadMessages", thresholds.maxDeadMessages());
                up &= f.dead() <= thresholds.maxDeadMessages();
            }
        } catch (Exception e) {
            up = false;
            data.put("error", "cannot read " + settings.table() + ": " + e);
        }
        return new HealthReport(liveness, List.of(new CheckResult("ferry-outbox", up, data)));
    }

    /**
     * @return liveness {@code ferry-outbox-relay} alone, without reading the database: DOWN when a
     *     relay thread ended without the relay being stopped
     * @throws IllegalStateException for an outbox whose engine does not relay (built without a publisher)
     */
    public CheckResult liveness() {
        if (relayLoop == null) {
            throw new IllegalStateException("This outbox has no relay: its engine was built without a publisher");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        int dead = relayLoop.deadThreads();
        data.put("relayId", settings.relayId());
        data.put("threads", (long) relayLoop.threads());
        data.put("deadThreads", (long) dead);
        data.put("running", relayLoop.isRunning());
        data.put("brokerUnavailable", relay.brokerUnavailable());
        return new CheckResult("ferry-outbox-relay", dead == 0, data);
    }

    /** Unregisters the gauges. */
    @Override
    public void close() {
        for (AutoCloseable g : gauges) {
            try {
                g.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "Cannot unregister a gauge: " + e);
            }
        }
        gauges.clear();
    }
}

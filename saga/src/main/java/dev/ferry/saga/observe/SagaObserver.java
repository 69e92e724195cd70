package dev.ferry.saga.observe;

import dev.ferry.runtime.health.CheckResult;
import dev.ferry.runtime.health.DatabaseCheck;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.schema.SchemaInstaller;
import dev.ferry.runtime.sql.TableName;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.telemetry.Throttled;
import dev.ferry.saga.SagaStatus;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.store.SagaSchema;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * The saga engine's traces, metrics and health.
 *
 * <p>Traces: with telemetry on, {@link #started} stores the caller's W3C trace context with the new
 * saga (table {@code <instance table>_trace}, in the starting transaction), and each step attempt
 * and compensation attempt is an INTERNAL span whose parent is that context, whichever engine runs it
 * and however long after. The span is current while the step runs, so messages the step writes to
 * the outbox carry the saga's trace on.
 *
 * <p>Metrics: {@code ferry.saga.started}, {@code .completed}, {@code .compensated}, {@code .parked}
 * (sagas that came to wait for an operator: PARKED in compensation or SUSPENDED on a forward step),
 * {@code .cancelled} (sagas an operator ended as CANCELLED; an abort is not a cancel, it compensates)
 * by {@code ferry.saga.name}; {@code ferry.saga.step.duration} and {@code ferry.saga.step.failures} by
 * saga and step; the gauge {@code ferry.saga.instances} by saga and status (every status that is not
 * final, read at most every 5 s).
 */
public final class SagaObserver implements AutoCloseable {

    /** How long figures read from the table are reused. */
    public static final Duration FIGURES_INTERVAL = Duration.ofSeconds(5);
    private static final int CACHED_CONTEXTS = 10_000;
    private static final List<Double> SECONDS = List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            5.0, 10.0, 30.0, 60.0, 300.0);
    private static final System.Logger LOG = System.getLogger(SagaObserver.class.getName());
    /** The statuses of unfinished sagas, which the gauge and the readiness check report. */
    private static final List<SagaStatus> UNFINISHED = Arrays.stream(SagaStatus.values())
            .filter(s -> !s.isFinal()).toList();
    /** The statuses of sagas that wait for an operator. */
    private static final Set<SagaStatus> WAITING_FOR_OPERATOR = EnumSet.of(SagaStatus.PARKED, SagaStatus.SUSPENDED);

    private final DataSource workerDataSource;
    private final SagaSettings settings;
    private final Telemetry telemetry;
    private final HealthThresholds thresholds;
    private final IntSupplier deadWorkers;
    private final TableName traceTable;
    private final boolean storesTraces;
    private final Throttled<Map<String, Map<SagaStatus, Long>>> figures;
    private final Map<UUID, Map<String, String>> contexts = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Map<String, String>> eldest) {
                    return size() > CACHED_CONTEXTS;
                }
            });
    private final Telemetry.Counter started;
    private final Telemetry.Counter completed;
    private final Telemetry.Counter compensated;
    private final Telemetry.Counter parked;
    private final Telemetry.Counter cancelled;
    private final Telemetry.Counter stepFailures;
    private final Telemetry.Histogram stepDuration;
    private final AutoCloseable instancesGauge;

    /**
     * @param workerDataSource the data source of the workers' local transactions
     * @param settings the saga settings (tables, worker id)
     * @param telemetry where spans and metrics go
     * @param thresholds readiness thresholds (parked sagas)
     * @param deadWorkers how many worker threads died
     */
    public SagaObserver(DataSource workerDataSource, SagaSettings settings, Telemetry telemetry,
                        HealthThresholds thresholds, IntSupplier deadWorkers) {
        this.workerDataSource = workerDataSource;
        this.settings = settings;
        this.telemetry = telemetry;
        this.thresholds = thresholds;
        this.deadWorkers = deadWorkers;
        this.traceTable = SagaSchema.traceTable(settings);
        this.storesTraces = telemetry.enabled() && traceTableExists();
        this.figures = new Throttled<>(this::readFigures, FIGURES_INTERVAL.toNanos(), System::nanoTime);
        this.started = telemetry.counter("ferry.saga.started", "Sagas started, by saga name", "{saga}");
        this.completed = telemetry.counter("ferry.saga.completed", "Sagas completed, by saga name", "{saga}");
        this.compensated = telemetry.counter("ferry.saga.compensated", "Sagas compensated, by saga name", "{saga}");
        this.parked = telemetry.counter("ferry.saga.parked",
                "Sagas that came to wait for an operator (PARKED or SUSPENDED), by saga name", "{saga}");
        this.cancelled = telemetry.counter("ferry.saga.cancelled", "Sagas an operator cancelled, by saga name",
                "{saga}");
        this.stepFailures = telemetry.counter("ferry.saga.step.failures",
                "Failed step and compensation attempts, by saga and step", "{attempt}");
        this.stepDuration = telemetry.histogram("ferry.saga.step.duration",
                "Step and compensation attempts, with their transaction", "s", SECONDS);
        this.instancesGauge = telemetry.gauge("ferry.saga.instances", "Unfinished sagas, by saga name and status",
                "{saga}", g -> {
                    try {
                        figures.get().forEach((name, byStatus) -> byStatus.forEach((status, n) ->
                                g.record(n, "ferry.saga.name", name, "ferry.saga.status", status.name())));
                    } catch (Exception e) {
                        LOG.log(Level.DEBUG, () -> "Cannot read the saga figures: " + e);
                    }
                });
    }

    private boolean traceTableExists() {
        try (Connection c = LocalConnections.open(workerDataSource)) {
            try {
                if (SchemaInstaller.tableExists(c, traceTable)) {
                    return true;
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot tell whether " + traceTable + " exists: " + e);
            return false;
        }
        LOG.log(Level.WARNING, "Saga traces: the table " + traceTable + " is missing (migration V3__saga_trace.sql),"
                + " so sagas do not keep the trace they were started in; their steps' spans start traces of their own");
        return false;
    }

    /**
     * A saga was inserted: stores the caller's trace context with it, on the same connection (the
     * starting transaction), and counts it.
     *
     * @param c the connection that inserted the saga
     * @param id the saga id
     * @param name the saga name
     * @throws SQLException if the context cannot be stored
     */
    public void started(Connection c, UUID id, String name) throws SQLException {
        started.add(1, "ferry.saga.name", name);
        if (!storesTraces) {
            return;
        }
        Map<String, String> context = telemetry.currentContext();
        String traceparent = context.get(Telemetry.TRACEPARENT);
        if (traceparent == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + traceTable
                + " (saga_id, traceparent, tracestate) VALUES (?, ?, ?)")) {
            ps.setString(1, id.toString());
            ps.setString(2, traceparent);
            ps.setString(3, context.get(Telemetry.TRACESTATE));
            ps.executeUpdate();
        }
        contexts.put(id, context);
    }

    /**
     * Starts the span of a step or compensation attempt, current until the attempt ends.
     *
     * @param sagaId the saga
     * @param sagaName its name
     * @param step the step
     * @param attempt the attempt number
     * @param compensation whether it is the step's compensation
     * @return the attempt, to end
     */
    public Attempt attempt(UUID sagaId, String sagaName, String step, int attempt, boolean compensation) {
        long start = System.nanoTime();
        if (!telemetry.enabled()) {
            return new Attempt(this, null, null, sagaName, step, compensation, start);
        }
        Telemetry.Span span = telemetry.startSpan((compensation ? "compensate " : "step ") + sagaName + "." + step,
                        Telemetry.SpanKind.INTERNAL, context(sagaId))
                .attribute("ferry.saga.id", sagaId.toString())
                .attribute("ferry.saga.name", sagaName)
                .attribute("ferry.saga.step", step)
                .attribute("ferry.saga.attempt", attempt)
                .attribute("ferry.saga.compensation", String.valueOf(compensation))
                .attribute("ferry.saga.worker", settings.workerId());
        return new Attempt(this, span, span.makeCurrent(), sagaName, step, compensation, start);
    }

    /** The stored trace context of a saga, from the cache or the table; empty when it has none. */
    private Map<String, String> context(UUID sagaId) {
        if (!storesTraces) {
            return null;
        }
        Map<String, String> cached = contexts.get(sagaId);
        if (cached != null) {
            return cached;
        }
        Map<String, String> context = new LinkedHashMap<>();
        try {
            LocalConnections.inTransaction(workerDataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT traceparent, tracestate FROM " + traceTable
                        + " WHERE saga_id = ?")) {
                    ps.setString(1, sagaId.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            context.put(Telemetry.TRACEPARENT, rs.getString(1));
                            if (rs.getString(2) != null) {
                                context.put(Telemetry.TRACESTATE, rs.getString(2));
                            }
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, () -> "Cannot read the trace context of saga " + sagaId + ": " + e);
            return null;
        }
        contexts.put(sagaId, context);
        return context;
    }

    /**
     * Counts a change of a saga's status: COMPLETED, COMPENSATED, PARKED or SUSPENDED (both counted as
     * parked), and CANCELLED.
     *
     * @param sagaName the saga name
     * @param before its status before
     * @param after its status after
     */
    public void transition(String sagaName, SagaStatus before, SagaStatus after) {
        if (before == after) {
            return;
        }
        switch (after) {
            case COMPLETED -> completed.add(1, "ferry.saga.name", sagaName);
            case COMPENSATED -> compensated.add(1, "ferry.saga.name", sagaName);
            case PARKED, SUSPENDED -> parked.add(1, "ferry.saga.name", sagaName);
            case CANCELLED -> cancelled.add(1, "ferry.saga.name", sagaName);
            default -> { }
        }
    }

    /**
     * Counts sagas parked together, as the start-up check of unregistered versions does, after the
     * change committed.
     *
     * @param sagaName the saga name
     * @param count how many were parked (PARKED or SUSPENDED)
     */
    public void parked(String sagaName, long count) {
        if (count > 0) {
            parked.add(count, "ferry.saga.name", sagaName);
        }
    }

    /** @return unfinished sagas by name and status */
    private Map<String, Map<SagaStatus, Long>> readFigures() throws SQLException {
        return LocalConnections.inTransaction(workerDataSource, c -> {
            Map<String, Map<SagaStatus, Long>> byName = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT saga_name, status, COUNT(*) FROM "
                    + settings.instanceTable() + " WHERE status IN (" + UNFINISHED.stream()
                    .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
                    + ") GROUP BY saga_name, status"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.computeIfAbsent(rs.getString(1), n -> new LinkedHashMap<>())
                            .put(SagaStatus.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
            return byName;
        });
    }

    /**
     * @return unfinished sagas by name and status, read at most {@link #FIGURES_INTERVAL} ago
     * @throws Exception if the table cannot be read
     */
    public Map<String, Map<SagaStatus, Long>> figures() throws Exception {
        return figures.get();
    }

    /**
     * Liveness {@code ferry-saga-workers}: DOWN when a worker thread ended without the engine being
     * stopped. Readiness {@code ferry-saga}: DOWN when the database does not answer, the table cannot
     * be read, or more sagas wait for an operator (PARKED and SUSPENDED together) than the threshold
     * allows.
     *
     * @return the saga engine's health, with its figures
     */
    public HealthReport health() {
        List<CheckResult> liveness = List.of(liveness());
        CheckResult db = DatabaseCheck.check("ferry-saga", workerDataSource,
                Map.of("table", settings.instanceTable().toString()));
        if (!db.up()) {
            return new HealthReport(liveness, List.of(db));
        }
        Map<String, Object> data = new LinkedHashMap<>(db.data());
        boolean up = true;
        try {
            Map<SagaStatus, Long> total = new LinkedHashMap<>();
            figures.get().values().forEach(m -> m.forEach((s, n) -> total.merge(s, n, Long::sum)));
            for (SagaStatus s : UNFINISHED) {
                data.put(s.name().toLowerCase(java.util.Locale.ROOT), total.getOrDefault(s, 0L));
            }
            if (thresholds.maxParkedSagas() >= 0) {
                long waiting = 0;
                for (SagaStatus s : WAITING_FOR_OPERATOR) {
                    waiting += total.getOrDefault(s, 0L);
                }
                data.put("maxParked", thresholds.maxParkedSagas());
                up = waiting <= thresholds.maxParkedSagas();
            }
        } catch (Exception e) {
            up = false;
            data.put("error", "cannot read " + settings.instanceTable() + ": " + e);
        }
        return new HealthReport(liveness, List.of(new CheckResult("ferry-saga", up, data)));
    }

    /**
     * @return liveness {@code ferry-saga-workers} alone, without reading the database: DOWN when a
     *     worker thread ended without the engine being stopped
     */
    public CheckResult liveness() {
        Map<String, Object> live = new LinkedHashMap<>();
        int dead = deadWorkers.getAsInt();
        live.put("workerId", settings.workerId());
        live.put("workers", (long) settings.workers());
        live.put("deadThreads", (long) dead);
        return new CheckResult("ferry-saga-workers", dead == 0, live);
    }

    /** Unregisters the gauge. */
    @Override
    public void close() {
        try {
            instancesGauge.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "Cannot unregister a gauge: " + e);
        }
    }

    /** One step or compensation attempt being observed. */
    public static final class Attempt {
        private final SagaObserver observer;
        private final Telemetry.Span span;
        private final Telemetry.Scope scope;
        private final String sagaName;
        private final String step;
        private final boolean compensation;
        private final long start;

        Attempt(SagaObserver observer, Telemetry.Span span, Telemetry.Scope scope, String sagaName, String step,
                boolean compensation, long start) {
            this.observer = observer;
            this.span = span;
            this.scope = scope;
            this.sagaName = sagaName;
            this.step = step;
            this.compensation = compensation;
            this.start = start;
        }

        /** @param outcome what came of it ({@code completed}, {@code waiting}, {@code lost}) */
        public void ended(String outcome) {
            end(outcome, null);
        }

        /** @param error why the attempt failed */
        public void failed(Throwable error) {
            observer.stepFailures.add(1, "ferry.saga.name", sagaName, "ferry.saga.step", step);
            end("failed", error);
        }

        private void end(String outcome, Throwable error) {
            observer.stepDuration.record((System.nanoTime() - start) / 1e9, "ferry.saga.name", sagaName,
                    "ferry.saga.step", step, "ferry.saga.outcome", outcome,
                    "ferry.saga.compensation", String.valueOf(compensation));
            if (span == null) {
                return;
            }
            scope.close();
            span.attribute("ferry.saga.outcome", outcome);
            if (error != null) {
                span.failed(error);
            }
            span.end();
        }
    }
}

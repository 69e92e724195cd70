package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.retry.Backoff;
import dev.ferry.runtime.sql.SqlDialect;
import dev.ferry.runtime.telemetry.Telemetry;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The relay over the outbox table: each call of {@link #relayOnce()} claims a batch (locking its rows
 * in a local transaction), hands it to the {@link MessagePublisher}, and records the outcome in the
 * same transaction. Thread-safe: the engine's relay threads call it at once. The publisher gets
 * {@link OutboxSettings#publishTimeout()} per batch ({@link TimedPublish}).
 *
 * <p>When the broker is unavailable ({@link BrokerUnavailableException}) for a batch it answered
 * nothing of, the relay counts no attempt against its messages and pauses its claims as a whole:
 * it probes with one batch after the first pause of {@link OutboxSettings#backoff()}, then at
 * doubling intervals up to its maximum (and at most 30 s), until the broker answers. It logs the
 * outage once when it begins and once when it ends, and each message that is dead after its last
 * attempt by its id. Each send is a PRODUCER span, and the relay's metrics are counted after a
 * batch's outcome was committed ({@link RelayTelemetry}); the spans are ended and the metrics
 * recorded on a {@link TelemetryLane}, beside the relay's threads.
 */
final class JdbcOutboxRelay implements OutboxRelay {

    /** Named for the interface, which is the name users give their logging configuration. */
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    /** The longest pause between probes of an unavailable broker, whatever the backoff's maximum is. */
    private static final Duration MAX_PROBE_PAUSE = Duration.ofSeconds(30);

    private final DataSource workerDataSource;
    private final TimedPublish timedPublish;
    private final OutboxSettings settings;
    private final RelayStore store;
    private final Clock clock;
    private final ScanFloor floor;
    private final Backoff probePauses;
    private final OutageBreaker breaker;
    private final AtomicLong published = new AtomicLong();
    private final RelayTelemetry telemetry;
    /** Ends the spans and records the metrics of each batch beside the relay's threads. */
    private final TelemetryLane lane;
    /** Reads the database's clock now and then (due times are written from it). */
    private final Runnable clockRefresh;

    JdbcOutboxRelay(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, JsonCodec json,
                    MessagePublisher publisher, Clock clock, Telemetry telemetry, ThreadFactory threadFactory,
                    Runnable clockRefresh) {
        this.telemetry = new RelayTelemetry(telemetry, settings, publisher);
        this.lane = new TelemetryLane(threadFactory, settings.relayId());
        this.workerDataSource = workerDataSource;
        this.timedPublish = new TimedPublish(publisher, settings.publishTimeout(), threadFactory, settings.relayId());
        this.clockRefresh = clockRefresh;
        this.settings = settings;
        this.store = new RelayStore(dialect, settings, json);
        this.clock = clock;
        this.floor = new ScanFloor(settings.pollInterval(), System::nanoTime);
        this.probePauses = settings.backoff().atMost(MAX_PROBE_PAUSE);
        this.breaker = new OutageBreaker(probePauses, System::nanoTime);
    }

    @Override
    public long publishedCount() {
        return published.get();
    }

    @Override
    public void close() {
        timedPublish.close();
        lane.close();
    }

    @Override
    public boolean brokerUnavailable() {
        return breaker.isOpen();
    }

    @Override
    public boolean relayOnce() throws SQLException {
        clockRefresh.run();
        OutageBreaker.Permit permit = breaker.permit();
        if (permit == null) {
            return false;
        }
        boolean reported = false;
        List<Outcome> outcomes;
        long claimedAt = System.nanoTime();
        Instant confirmedAt;
        try (Connection c = connection()) {
            List<ClaimedMessage> batch = store.claim(c, clock.instant().truncatedTo(ChronoUnit.MICROS), floor.next());
            if (batch.isEmpty()) {
                return false;
            }
            floor.claimed(batch.get(0).seq());
            outcomes = publish(batch);
            confirmedAt = clock.instant();
            store.complete(c, outcomes, confirmedAt);
            reported = true;
            report(permit, outcomes);
        } finally {
            if (!reported) {
                breaker.unused(permit);
            }
        }
        published.addAndGet(outcomes.stream().filter(o -> o.kind() == Outcome.Kind.DELIVERED).count());
        if (telemetry.recording()) {
            List<Outcome> committed = outcomes;
            Instant confirmed = confirmedAt;
            Duration took = Duration.ofNanos(System.nanoTime() - claimedAt);
            lane.run(() -> telemetry.recorded(committed, confirmed, took));
        }
        for (Outcome o : outcomes) {
            if (o.kind() != Outcome.Kind.DELIVERED) {
                floor.retrying(o.message().seq());
            }
        }
        logFailures(outcomes);
        if (outcomes.size() < settings.batchSize() / 4) {
            pauseAfterSmallBatch();
        }
        return true;
    }

    /**
     * Tells the breaker whether the broker answered the batch: a delivery or a refusal of any of its
     * messages shows it is there; failures that all say it is unavailable show it is not.
     */
    private void report(OutageBreaker.Permit permit, List<Outcome> outcomes) {
        Outcome unavailable = null;
        boolean answered = false;
        for (Outcome o : outcomes) {
            answered |= o.kind() == Outcome.Kind.DELIVERED || o.kind() == Outcome.Kind.FAILED;
            unavailable = unavailable == null && o.kind() == Outcome.Kind.UNAVAILABLE ? o : unavailable;
        }
        if (answered) {
            Duration outage = breaker.answered(permit);
            if (outage != null) {
                LOG.log(Level.INFO, "Relay " + settings.relayId() + ": broker available again after "
                        + String.format(Locale.ROOT, "%.1f", outage.toMillis() / 1000.0) + " s; the relay resumes");
            }
        } else if (unavailable != null) {
            if (breaker.unavailable(permit)) {
                LOG.log(Level.WARNING, "Relay " + settings.relayId() + ": broker unavailable since " + clock.instant()
                        + " (" + unavailable.error() + "); the relay pauses its claims and probes with one batch"
                        + " after " + breaker.pause().toMillis() + " ms, then at doubling intervals up to "
                        + probePauses.max().toMillis() + " ms, until the broker answers; no attempts count meanwhile");
            }
        } else {
            breaker.unused(permit);
        }
    }

    private List<Outcome> publish(List<ClaimedMessage> claimed) {
        RelayTelemetry.Sends sends = telemetry.send(claimed);
        List<ClaimedMessage> batch = sends.batch();
        BatchReport report = new BatchReport(batch);
        List<OutgoingMessage> messages = new ArrayList<>(batch.size());
        for (ClaimedMessage m : batch) {
            messages.add(m.message());
        }
        timedPublish.publish(List.copyOf(messages), report);
        List<Outcome> outcomes = report.outcomes();
        if (sends.spans() != null) {
            Instant returned = Instant.now(); // the clock the spans started by
            lane.run(() -> sends.end(outcomes, returned));
        }
        return outcomes;
    }

    /**
     * Under a steady stream of small commits every wake-up would claim a batch of one or two: a
     * short pause lets the next batch gather (the first message after a quiet spell is not
     * delayed, only the batch after a small one).
     */
    private void pauseAfterSmallBatch() {
        long millis = settings.smallBatchPause().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void logFailures(List<Outcome> outcomes) {
        Outcome first = null;
        int failed = 0;
        for (Outcome o : outcomes) {
            if (o.kind() == Outcome.Kind.FAILED) { // an outage is logged once, by report()
                failed++;
                first = first == null ? o : first;
            }
        }
        if (first != null) {
            OutgoingMessage m = first.message().message();
            LOG.log(Level.WARNING, "Relay " + settings.relayId() + ": " + failed + " of " + outcomes.size()
                    + " messages not delivered, retried with backoff; first: message " + m.id() + " (" + m + "): "
                    + first.error());
        }
        for (Outcome o : outcomes) {
            if (o.diesWith(settings.maxAttempts())) {
                OutgoingMessage m = o.message().message();
                LOG.log(Level.WARNING, "Relay " + settings.relayId() + ": message " + m.id() + " (topic " + m.topic()
                        + ", key " + m.key() + ") is dead after " + m.attempt() + " attempts: " + o.error()
                        + "; replay it with OutboxAdmin.replay once the cause is fixed");
            }
        }
    }

    private Connection connection() throws SQLException {
        return LocalConnections.open(workerDataSource);
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.json.JsonCodec;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.sql.SqlDialect;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Publishes committed outbox messages: each relay thread claims a batch (its own lease), hands it to
 * the {@link MessagePublisher}, and records the outcome. Woken after every local commit that wrote
 * messages; polls as a fallback. Any number of relays, in any number of JVMs, may run against one
 * table.
 */
public final class OutboxRelay {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final DataSource workerDataSource;
    private final MessagePublisher publisher;
    private final OutboxSettings settings;
    private final RelayStore store;
    private final Clock clock;
    private final PollingLoop loop;
    private final AtomicLong published = new AtomicLong();
    /** The lease owners this relay has claimed under, released on a graceful stop. */
    private final Set<String> owners = ConcurrentHashMap.newKeySet();

    /**
     * @param workerDataSource non-JTA connections for claiming and recording (auto-commit is turned off)
     * @param dialect the database's dialect
     * @param settings the outbox settings
     * @param json the codec for stored headers
     * @param publisher where messages go
     * @param threadFactory makes the relay threads
     * @param clock the clock for due times and leases
     */
    public OutboxRelay(DataSource workerDataSource, SqlDialect dialect, OutboxSettings settings, JsonCodec json,
                       MessagePublisher publisher, ThreadFactory threadFactory, Clock clock) {
        this.workerDataSource = workerDataSource;
        this.publisher = publisher;
        this.settings = settings;
        this.store = new RelayStore(dialect, settings, json);
        this.clock = clock;
        this.loop = new PollingLoop("ferry-relay-" + settings.relayId(), threadFactory, settings.relayThreads(),
                settings.pollInterval(), this::relayOnce);
    }

    /** Starts the relay threads. */
    public void start() {
        loop.start();
    }

    /** Makes the relay look for messages now. Cheap; called after each commit that wrote messages. */
    public void wake() {
        loop.wake();
    }

    /** @return whether the relay is running */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** @return messages this relay saw confirmed since it was made */
    public long publishedCount() {
        return published.get();
    }

    /**
     * Stops gracefully: the batch in flight is finished and recorded, then this relay's leases are
     * released so other relays can take over at once.
     *
     * @param timeout how long to wait for the batch in flight
     */
    public void stop(Duration timeout) {
        boolean ended = loop.stop(timeout);
        if (!ended) {
            LOG.log(Level.WARNING, "Relay " + settings.relayId() + " did not stop within " + timeout
                    + "; its leases expire after " + settings.leaseDuration());
            return;
        }
        for (String owner : owners) {
            try (Connection c = connection()) {
                store.releaseAll(c, owner);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "Could not release the leases of " + owner + ": " + e.getMessage());
            }
        }
    }

    /**
     * Claims, publishes and records one batch on the calling thread.
     *
     * @return whether a batch was found (more may be waiting)
     * @throws SQLException if the database failed; the batch's leases then expire and it is retried
     */
    public boolean relayOnce() throws SQLException {
        String owner = ownerOf(Thread.currentThread().getName());
        owners.add(owner);
        List<ClaimedMessage> batch;
        try (Connection c = connection()) {
            batch = store.claim(c, owner, clock.instant().truncatedTo(ChronoUnit.MICROS), settings.batchSize());
        }
        if (batch.isEmpty()) {
            return false;
        }
        BatchReport report = new BatchReport(batch);
        List<OutgoingMessage> messages = new ArrayList<>(batch.size());
        for (ClaimedMessage m : batch) {
            messages.add(m.message());
        }
        try {
            publisher.publish(List.copyOf(messages), report);
        } catch (Exception | LinkageError e) {
            report.failUnreported(e);
        }
        List<Outcome> outcomes = report.outcomes();
        try (Connection c = connection()) {
            store.complete(c, owner, outcomes, clock.instant());
        }
        long delivered = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.DELIVERED).count();
        published.addAndGet(delivered);
        logFailures(outcomes);
        if (batch.size() < settings.batchSize() / 4) {
            pauseAfterSmallBatch();
        }
        return true;
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
            if (o.kind() == Outcome.Kind.FAILED) {
                failed++;
                first = first == null ? o : first;
            }
        }
        if (first != null) {
            OutgoingMessage m = first.message().message();
            LOG.log(Level.WARNING, "Relay " + settings.relayId() + ": " + failed + " of " + outcomes.size()
                    + " messages not delivered, retried with backoff; first: " + m + ": " + first.error());
        }
    }

    private String ownerOf(String threadName) {
        String owner = settings.relayId() + "@" + threadName;
        return owner.length() > 100 ? owner.substring(owner.length() - 100) : owner;
    }

    private Connection connection() throws SQLException {
        return LocalConnections.open(workerDataSource);
    }
}

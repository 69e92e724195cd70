package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.definition.BoundSaga;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.store.SagaRow;
import dev.ferry.saga.store.SagaStore;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The engine's worker threads: each claims a few due sagas ({@code SKIP LOCKED} and a lease, in a
 * short local transaction; how many, {@link ClaimSize} decides), then moves each as far as it can go
 * at once, renewing the lease with every step. A claimed saga not yet started when half its lease
 * has passed is released instead, so that no step starts on a lease about to expire. Sagas of other
 * workers whose leases expired are claimed like any other due saga, and resume from their last
 * persisted state. Whether a saga is due and whether a lease is live is decided by the database's
 * clock, in the claim's SQL, so engines whose clocks disagree never hold one saga at once.
 */
final class SagaWorkers {

    private static final System.Logger LOG = System.getLogger(SagaWorkers.class.getName());

    private final DataSource workerDataSource;
    private final SagaStore store;
    private final SagaRegistry registry;
    private final StepRunner runner;
    private final SagaSettings settings;
    private final Clock clock;
    private final List<String> names;
    private final ClaimSize claimSize;
    private final Duration startWithin;
    private final PollingLoop loop;
    private final BooleanSupplier identityLost;
    /** Reads the database's clock now and then (due times and deadlines are computed from it). */
    private final Runnable clockRefresh;
    private volatile boolean stopping;

    SagaWorkers(DataSource workerDataSource, SagaStore store, SagaRegistry registry, StepRunner runner,
                SagaSettings settings, ThreadFactory threadFactory, Clock clock, Runnable clockRefresh,
                BooleanSupplier identityLost) {
        this.clockRefresh = clockRefresh;
        this.identityLost = identityLost;
        this.workerDataSource = workerDataSource;
        this.store = store;
        this.registry = registry;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.names = registry.names();
        this.claimSize = new ClaimSize(settings.claimBatchSize(), settings.leaseDuration());
        this.startWithin = settings.leaseDuration().dividedBy(2);
        this.loop = new PollingLoop("ferry-saga-" + settings.workerId(), threadFactory, settings.workers(),
                settings.pollInterval(), this::runOnce);
    }

    void start() {
        stopping = false;
        loop.start();
    }

    void wake() {
        loop.wake();
    }

    boolean isRunning() {
        return loop.isRunning();
    }

    /** @return how many worker threads ended although the engine was not stopped (liveness) */
    int deadThreads() {
        return loop.deadThreads();
    }

    /** Stops the threads after the saga each is on, then releases this engine's remaining leases. */
    boolean stop(Duration timeout) {
        stopping = true;
        boolean ended = loop.stop(timeout);
        try {
            LocalConnections.inTransaction(workerDataSource, c -> store.releaseAll(c, settings.workerId()));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot release the leases of " + settings.workerId() + " (they expire): " + e);
        }
        return ended;
    }

    /** @return whether more due sagas are probably waiting */
    boolean runOnce() throws SQLException {
        if (identityLost.getAsBoolean()) {
            return false; // another engine runs under this identity now; leave the sagas to it
        }
        clockRefresh.run();
        int asked = claimSize.next();
        Instant claimedAt = clock.instant();
        List<SagaRow> claimed = claim(asked);
        Instant startBefore = claimedAt.plus(startWithin);
        for (SagaRow row : claimed) {
            if (stopping || !clock.instant().isBefore(startBefore)) {
                runner.release(row);
                continue;
            }
            process(row);
        }
        claimSize.after(asked, claimed.size(), Duration.between(claimedAt, clock.instant()));
        return claimed.size() == asked;
    }

    private List<SagaRow> claim(int limit) throws SQLException {
        return LocalConnections.inTransaction(workerDataSource, c -> store.claim(c, names, limit,
                settings.workerId(), settings.leaseDuration()));
    }

    private void process(SagaRow claimed) {
        BoundSaga saga = registry.byName(claimed.name(), claimed.definitionVersion());
        SagaRow row = claimed;
        try {
            if (saga == null) { // started by an engine that has this version; this one cannot run it
                row = runner.park(row, unregistered(claimed));
            }
            while (row != null) {
                if (stopping) {
                    runner.release(row);
                    return;
                }
                row = runner.advance(saga, row);
            }
        } catch (SQLException | RuntimeException e) {
            SagaRow at = row != null ? row : claimed;
            LOG.log(Level.WARNING, "Saga " + claimed.name() + " " + claimed.id() + " at step " + at.currentStep()
                    + " could not progress; a worker retries it: " + e);
            LOG.log(Level.DEBUG, () -> "Saga " + claimed.id() + " could not progress", e);
            if (row != null) {
                runner.release(row);
            }
        }
    }

    private String unregistered(SagaRow row) {
        return "saga " + row.name() + " version " + row.definitionVersion() + " is not registered with engine "
                + settings.workerId() + " (registered versions: " + registry.versions(row.name())
                + "); register that version's class beside the newer one to let it finish";
    }
}

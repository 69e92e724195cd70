package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.saga.store.EngineTable;
import dev.ferry.saga.store.SagaStore;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;

/**
 * This engine's hold on its identity ({@code workerId}), the owner name of its leases. Taking it
 * waits while another incarnation may still be alive and refuses when that one keeps beating; once
 * taken, the leases an earlier incarnation of the same identity left (a crash) are released, so a
 * restarted node resumes its own sagas at once instead of waiting out their leases. A heartbeat
 * keeps the hold while the engine runs; leaving clears it, so the next start need not wait.
 */
final class EngineIdentity {

    private static final System.Logger LOG = System.getLogger(EngineIdentity.class.getName());

    /** How often a running engine beats. */
    static final Duration BEAT = Duration.ofSeconds(2);
    /** A holder that has not beaten for this long is taken to have died. */
    static final Duration STALE_AFTER = BEAT.multipliedBy(3);
    /** Rows of identities nobody used for this long are deleted (Java SE's random ids). */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final long WATCH_MILLIS = 200;

    private final DataSource workerDataSource;
    private final EngineTable table;
    private final SagaStore store;
    private final String engineId;
    private final Clock clock;
    private final String incarnation = UUID.randomUUID().toString();
    private final PollingLoop heartbeat;
    private volatile boolean held;
    private volatile boolean lost;

    EngineIdentity(DataSource workerDataSource, EngineTable table, SagaStore store, String engineId,
                   ThreadFactory threadFactory, Clock clock) {
        this.workerDataSource = workerDataSource;
        this.table = table;
        this.store = store;
        this.engineId = engineId;
        this.clock = clock;
        this.heartbeat = new PollingLoop("ferry-saga-heartbeat-" + engineId, threadFactory, 1, BEAT, this::beat);
    }

    /**
     * Takes the identity and starts beating.
     *
     * @throws IllegalStateException naming the identity and the setting when another running
     *     engine holds it, or when the engine table cannot be read
     */
    void take() {
        try {
            takeOnce();
        } catch (SQLException e) {
            throw new IllegalStateException("Saga engine '" + engineId + "' cannot take its identity in " + table
                    + ": " + e.getMessage() + " (is the engine table there? see SagaSettings.engineTable)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while saga engine '" + engineId + "' took its identity", e);
        }
        held = true;
        lost = false;
        heartbeat.start();
    }

    private void takeOnce() throws SQLException, InterruptedException {
        EngineTable.Holder holder = inLocalTransaction(c -> {
            table.forgetOlderThan(c, clock.instant().minus(FORGET_AFTER));
            return table.find(c, engineId);
        });
        if (holder == null) {
            try {
                inLocalTransaction(c -> {
                    table.insert(c, engineId, incarnation, clock.instant());
                    return null;
                });
                return;
            } catch (SQLException e) {
                holder = inLocalTransaction(c -> table.find(c, engineId));
                if (holder == null) {
                    throw e;
                }
            }
        }
        watchWhileItMayBeAlive(holder);
        EngineTable.Holder previous = holder;
        int released = inLocalTransaction(c -> {
            if (!table.takeOver(c, engineId, previous.incarnation(), incarnation, clock.instant())) {
                throw refused();
            }
            return store.releaseAll(c, engineId);
        });
        if (released > 0) {
            LOG.log(Level.INFO, "Saga engine " + engineId + " took back " + released
                    + " sagas its previous run left leased; they resume now");
        }
    }

    /** Waits until a holder that beat recently has been silent for {@link #STALE_AFTER}; refuses if it beats. */
    private void watchWhileItMayBeAlive(EngineTable.Holder holder) throws SQLException, InterruptedException {
        Instant now = clock.instant();
        if (holder.heartbeatAt() == null || !holder.heartbeatAt().isAfter(now.minus(STALE_AFTER))) {
            return;
        }
        Instant quietUntil = holder.heartbeatAt().plus(STALE_AFTER);
        Instant latest = now.plus(STALE_AFTER).plus(BEAT); // bounded even if the holder's clock runs ahead
        Instant until = quietUntil.isBefore(latest) ? quietUntil : latest;
        LOG.log(Level.INFO, "Saga engine " + engineId + " waits until " + until + " to see whether the engine that"
                + " last held its identity is still running");
        while (clock.instant().isBefore(until)) {
            Thread.sleep(WATCH_MILLIS);
            EngineTable.Holder now2 = inLocalTransaction(c -> table.find(c, engineId));
            if (!holder.equals(now2)) {
                throw refused();
            }
        }
    }

    private IllegalStateException refused() {
        return new IllegalStateException("Saga engine identity '" + engineId + "' is held by another running"
                + " engine (its heartbeat in " + table + " goes on): give every node its own workerId"
                + " (ferry.saga.worker-id in a server, SagaSettings.workerId in Java SE)");
    }

    /** @return whether another engine took this identity over while this one ran */
    boolean lost() {
        return lost;
    }

    private boolean beat() throws SQLException {
        if (!held) {
            return false;
        }
        boolean still = inLocalTransaction(c -> table.beat(c, engineId, incarnation, clock.instant()));
        if (!still && !lost) {
            lost = true;
            LOG.log(Level.ERROR, "Saga engine " + engineId + " lost its identity to another engine; it claims no"
                    + " more sagas. Give every node its own workerId");
        }
        return false;
    }

    /** Stops beating and clears the heartbeat, so the next engine with this identity need not wait. */
    void leave() {
        heartbeat.stop(BEAT.multipliedBy(2));
        if (!held) {
            return;
        }
        held = false;
        try {
            inLocalTransaction(c -> table.beat(c, engineId, incarnation, null));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Saga engine " + engineId + " cannot clear its heartbeat (the next start waits "
                    + STALE_AFTER.toSeconds() + " s): " + e);
        }
    }

    private <T> T inLocalTransaction(LocalConnections.Work<T> work) throws SQLException {
        return LocalConnections.inTransaction(workerDataSource, work);
    }
}

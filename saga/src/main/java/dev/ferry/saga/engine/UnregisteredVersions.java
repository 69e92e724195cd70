package dev.ferry.saga.engine;

import dev.ferry.runtime.jdbc.LocalConnections;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.config.UnknownVersions;
import dev.ferry.saga.definition.SagaRegistry;
import dev.ferry.saga.observe.SagaObserver;
import dev.ferry.saga.store.SagaStore;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The start-up check that no in-flight saga is stranded: counts the instances still moving
 * (RUNNING, WAITING, COMPENSATING) of the sagas this engine runs whose definition version is not
 * registered, and refuses to start, or parks them, as {@link SagaSettings#unknownVersions()} says.
 * Runs in one local transaction of its own; sagas it parked count in {@code ferry.saga.parked}
 * after it committed.
 */
final class UnregisteredVersions {

    private static final System.Logger LOG = System.getLogger(UnregisteredVersions.class.getName());

    private final DataSource workerDataSource;
    private final SagaStore store;
    private final SagaRegistry registry;
    private final SagaSettings settings;
    private final Clock clock;
    private final SagaObserver observer;

    UnregisteredVersions(DataSource workerDataSource, SagaStore store, SagaRegistry registry, SagaSettings settings,
                         Clock clock, SagaObserver observer) {
        this.workerDataSource = workerDataSource;
        this.store = store;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * @throws IllegalStateException naming each saga, version and count, when the policy is FAIL and
     *     any instance would be stranded
     * @throws SQLException from the driver
     */
    void check() throws SQLException {
        Map<String, Long> parkedByName = new LinkedHashMap<>();
        LocalConnections.inTransaction(workerDataSource, c -> {
            List<String> stranded = new ArrayList<>();
            for (Map.Entry<String, Map<Integer, Long>> saga : store.countInFlight(c, registry.names()).entrySet()) {
                String name = saga.getKey();
                for (Map.Entry<Integer, Long> version : saga.getValue().entrySet()) {
                    if (registry.byName(name, version.getKey()) != null) {
                        continue;
                    }
                    String what = "saga '" + name + "' has " + version.getValue() + " instance(s) in flight on"
                            + " version " + version.getKey() + ", which is not registered (registered versions: "
                            + registry.versions(name) + ")";
                    if (settings.unknownVersions() == UnknownVersions.PARK) {
                        int parked = store.parkVersion(c, name, version.getKey(), what + "; parked at start-up of"
                                + " engine " + settings.workerId(), clock.instant());
                        parkedByName.merge(name, (long) parked, Long::sum);
                        LOG.log(Level.WARNING, "Saga engine " + settings.workerId() + ": " + what + "; parked "
                                + parked + " for an operator");
                    } else {
                        stranded.add(what);
                    }
                }
            }
            if (!stranded.isEmpty()) {
                throw new IllegalStateException("Saga engine " + settings.workerId() + " cannot start: "
                        + String.join("; ", stranded) + ". Register each version's class beside the newer one"
                        + " (same @Saga name, its @Saga(version)) until its instances finish, or set"
                        + " ferry.saga.unknown-versions=park (SagaSettings.unknownVersions(PARK)) to park them");
            }
            return null;
        });
        parkedByName.forEach(observer::parked);
    }
}

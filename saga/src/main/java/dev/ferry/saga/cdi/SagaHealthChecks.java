package dev.ferry.saga.cdi;

import dev.ferry.runtime.container.EngineHealthCheck;
import dev.ferry.runtime.container.HealthResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The saga engine's MicroProfile Health checks: {@code ferry-saga-workers} (liveness: DOWN when a
 * worker thread died) and {@code ferry-saga} (readiness: DOWN when the database does not answer, or
 * more sagas wait for an operator, PARKED and SUSPENDED together, than
 * {@code ferry.health.max-parked-sagas}), with their figures as data. In
 * an application without sagas, or before the engine started, both report UP with no figures.
 */
@ApplicationScoped
public class SagaHealthChecks {

    @Inject
    SagaBeans beans;

    /** @return the workers' liveness check */
    @Produces
    @Liveness
    public HealthCheck workersLiveness() {
        return new EngineHealthCheck<>("ferry-saga-workers", beans::runningEngine,
                engine -> HealthResponses.of(engine.observer().liveness()), true);
    }

    /** @return the saga engine's readiness check */
    @Produces
    @Readiness
    public HealthCheck sagaReadiness() {
        return new EngineHealthCheck<>("ferry-saga", beans::runningEngine,
                engine -> HealthResponses.of(engine.health().check("ferry-saga")), true);
    }
}

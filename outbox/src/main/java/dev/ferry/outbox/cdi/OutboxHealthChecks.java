package dev.ferry.outbox.cdi;

import dev.ferry.runtime.container.EngineHealthCheck;
import dev.ferry.runtime.container.HealthResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox's MicroProfile Health checks, under the server's {@code /health/live} and
 * {@code /health/ready}: {@code ferry-outbox-relay} (liveness: DOWN when a relay thread died) and
 * {@code ferry-outbox} (readiness: DOWN when the database does not answer, or a threshold
 * {@code ferry.health.*} is passed), with their figures as data. Before the engine started, liveness
 * is UP and readiness DOWN; in an application that does without the outbox (see {@link OutboxBeans}) both
 * are UP with {@code state: not used}.
 */
@ApplicationScoped
public class OutboxHealthChecks {

    @Inject
    OutboxBeans beans;

    /** @return the relay's liveness check */
    @Produces
    @Liveness
    public HealthCheck relayLiveness() {
        return new EngineHealthCheck<>("ferry-outbox-relay", beans::runningEngine,
                engine -> HealthResponses.of(engine.observer().liveness()), true, beans::notUsed);
    }

    /** @return the outbox's readiness check */
    @Produces
    @Readiness
    public HealthCheck outboxReadiness() {
        return new EngineHealthCheck<>("ferry-outbox", beans::runningEngine,
                engine -> HealthResponses.of(engine.observer().health().check("ferry-outbox")), false,
                beans::notUsed);
    }
}

package dev.ferry.outbox.cdi;

import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.runtime.container.EngineHealthCheck;
import dev.ferry.runtime.container.HealthResponses;
import dev.ferry.runtime.health.CheckResult;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.util.function.Function;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * A named outbox's MicroProfile Health checks, as the default outbox's ({@link OutboxHealthChecks}) with the name
 * appended: liveness {@code ferry-outbox-relay-<name>} and readiness {@code ferry-outbox-<name>}, registered as
 * synthetic beans by {@link NamedOutboxes} when the server has MicroProfile Health.
 */
final class NamedOutboxHealth {

    private static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    private NamedOutboxHealth() {
    }

    /** @return whether MicroProfile Health's API is there (this class may be loaded only then) */
    static boolean available() {
        try {
            Class.forName(HEALTH_CHECK, false, NamedOutboxes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @param abd where the beans are added
     * @param name the named outbox
     */
    static void register(AfterBeanDiscovery abd, String name) {
        String relay = "ferry-outbox-relay-" + name;
        String outbox = "ferry-outbox-" + name;
        abd.addBean().beanClass(NamedOutboxEngines.class).id("ferry-health-" + relay)
                .types(HealthCheck.class, Object.class)
                .qualifiers(Liveness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .produceWith(beans -> check(beans, name, relay, e -> e.observer().liveness(), true));
        abd.addBean().beanClass(NamedOutboxEngines.class).id("ferry-health-" + outbox)
                .types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                .produceWith(beans -> check(beans, name, outbox, e -> e.observer().health().check("ferry-outbox"),
                        false));
    }

    private static HealthCheck check(Instance<Object> beans, String name, String checkName,
            Function<OutboxEngine, CheckResult> check, boolean upBeforeStart) {
        NamedOutboxEngines engines = beans.select(NamedOutboxEngines.class).get();
        return new EngineHealthCheck<>(checkName, () -> engines.runningEngines().get(name), engine -> {
            CheckResult r = check.apply(engine);
            return HealthResponses.of(new CheckResult(checkName, r.up(), r.data()));
        }, upBeforeStart);
    }
}

package dev.ferry.runtime.container;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A MicroProfile Health check on an application's running Ferry engine.
 *
 * <p>A server can keep the checks of a deployment that failed after they were registered, and call
 * them once the deployment's class loader is gone (WildFly 35 does): the engine cannot be looked up,
 * or a class cannot be loaded any more. Such a check reports UP with {@code state: application not
 * deployed}, prepared while the application was there, rather than failing the server's whole
 * health endpoint for an application that is not deployed.
 *
 * @param <E> the engine's type
 */
public final class EngineHealthCheck<E> implements HealthCheck {

    private final Supplier<E> engine;
    private final Function<E, HealthCheckResponse> check;
    private final HealthCheckResponse notStarted;
    private final HealthCheckResponse notDeployed;
    private final BooleanSupplier notUsed;
    private final HealthCheckResponse unused;

    /**
     * @param name the check's name
     * @param engine looks up the running engine; null before it started
     * @param check the check on a running engine
     * @param upBeforeStart the status to report before the engine started
     */
    public EngineHealthCheck(String name, Supplier<E> engine, Function<E, HealthCheckResponse> check,
            boolean upBeforeStart) {
        this(name, engine, check, upBeforeStart, () -> false);
    }

    /**
     * @param name the check's name
     * @param engine looks up the running engine; null before it started
     * @param check the check on a running engine
     * @param upBeforeStart the status to report before the engine started
     * @param notUsed whether the application does without this engine (it then never starts): the check
     *     reports UP with {@code state: not used}
     */
    public EngineHealthCheck(String name, Supplier<E> engine, Function<E, HealthCheckResponse> check,
            boolean upBeforeStart, BooleanSupplier notUsed) {
        this.notUsed = Objects.requireNonNull(notUsed, "notUsed");
        this.unused = HealthResponses.notStarted(name, "not used", true);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.check = Objects.requireNonNull(check, "check");
        this.notStarted = HealthResponses.notStarted(name, "not started", upBeforeStart);
        this.notDeployed = HealthCheckResponse.named(name).up().withData("state", "application not deployed")
                .build();
    }

    @Override
    public HealthCheckResponse call() {
        E running;
        try {
            if (notUsed.getAsBoolean()) {
                return unused;
            }
            running = engine.get();
        } catch (RuntimeException | LinkageError gone) {
            return notDeployed;
        }
        try {
            return running == null ? notStarted : check.apply(running);
        } catch (LinkageError gone) {
            return notDeployed;
        }
    }
}

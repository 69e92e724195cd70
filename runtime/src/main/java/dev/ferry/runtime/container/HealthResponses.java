package dev.ferry.runtime.container;

import dev.ferry.runtime.health.CheckResult;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Turns Ferry's check results into MicroProfile Health responses, with their figures as data. */
public final class HealthResponses {

    private HealthResponses() {
    }

    /**
     * @param result a check's result
     * @return the response: its name, UP or DOWN, and its data
     */
    public static HealthCheckResponse of(CheckResult result) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(result.name()).status(result.up());
        for (Map.Entry<String, Object> e : result.data().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer) {
                b.withData(e.getKey(), ((Number) v).longValue());
            } else if (v instanceof Boolean flag) {
                b.withData(e.getKey(), flag);
            } else {
                b.withData(e.getKey(), String.valueOf(v));
            }
        }
        return b.build();
    }

    /**
     * Runs a check on the application's running engine. When the engine cannot even be looked up,
     * the application that registered the check is gone: a server can keep the checks of a
     * deployment that failed after they were registered (WildFly does), and such a check reports UP,
     * saying so, rather than holding the server's status DOWN for an application that is not there.
     *
     * @param name the check's name
     * @param engine looks up the running engine; null before it started
     * @param check the check on a running engine
     * @param upBeforeStart the status to report before the engine started
     * @param <E> the engine's type
     * @return the check's response
     */
    public static <E> HealthCheckResponse onEngine(String name, Supplier<E> engine,
            Function<E, HealthCheckResponse> check, boolean upBeforeStart) {
        E running;
        try {
            running = engine.get();
        } catch (RuntimeException gone) {
            return HealthCheckResponse.named(name).up().withData("state", "application not deployed").build();
        }
        return running == null ? notStarted(name, "not started", upBeforeStart) : check.apply(running);
    }

    /**
     * @param name the check's name
     * @param why why there is nothing to check yet
     * @param up the status to report meanwhile
     * @return a response without figures
     */
    public static HealthCheckResponse notStarted(String name, String why, boolean up) {
        return HealthCheckResponse.named(name).status(up).withData("state", why).build();
    }
}

package dev.ferry.runtime.container;

import dev.ferry.runtime.health.CheckResult;
import java.util.Map;
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
     * @param name the check's name
     * @param why why there is nothing to check yet
     * @param up the status to report meanwhile
     * @return a response without figures
     */
    public static HealthCheckResponse notStarted(String name, String why, boolean up) {
        return HealthCheckResponse.named(name).status(up).withData("state", why).build();
    }
}

package dev.ferry.runtime.container;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.telemetry.Telemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Ferry's telemetry and health thresholds in a server: the server's {@code OpenTelemetry} bean
 * (MicroProfile Telemetry in WildFly and Payara) when the OpenTelemetry API is visible to the
 * application and CDI has such a bean, and none otherwise; {@code ferry.telemetry=false} turns it
 * off. Thresholds come from {@code ferry.health.max-oldest-pending-age}, {@code
 * ferry.health.max-dead-messages} and {@code ferry.health.max-parked-sagas} (all off by default).
 */
public final class ContainerTelemetry {

    private static final Duration MAX_AGE = Duration.ofDays(3650);

    private static final System.Logger LOG = System.getLogger(ContainerTelemetry.class.getName());

    private ContainerTelemetry() {
    }

    /**
     * @param config the configuration
     * @return the server's OpenTelemetry as Ferry's telemetry, or {@link Telemetry#none()}
     */
    public static Telemetry find(FerryConfig config) {
        if (!enabled(config) || !Telemetry.available()) {
            return Telemetry.none();
        }
        try {
            // By name, so that this class loads where the OpenTelemetry API is absent.
            Class<?> type = Class.forName("io.opentelemetry.api.OpenTelemetry", false,
                    ContainerTelemetry.class.getClassLoader());
            Instance<?> otel = CDI.current().select(type);
            if (otel.isResolvable()) {
                return Telemetry.of(otel.get());
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "Ferry records no traces or metrics: the server's OpenTelemetry cannot be had (" + e
                    + ")");
        }
        return Telemetry.none();
    }

    /**
     * @param config the configuration
     * @return whether Ferry records traces and metrics where it can: {@code ferry.telemetry}, default true
     * @throws IllegalArgumentException naming the key and the value if it is not true or false
     */
    public static boolean enabled(FerryConfig config) {
        return config.bool("ferry.telemetry", true);
    }

    /**
     * @param config the configuration
     * @return the readiness thresholds it sets
     * @throws IllegalArgumentException naming the key and the value of an invalid one
     */
    public static HealthThresholds thresholds(FerryConfig config) {
        HealthThresholds t = HealthThresholds.none();
        String ageKey = "ferry.health.max-oldest-pending-age";
        if (config.string(ageKey).isPresent()) {
            Duration age = config.duration(ageKey, null);
            if (age.isZero() || age.isNegative() || age.compareTo(MAX_AGE) > 0) {
                throw new IllegalArgumentException("Ferry configuration " + ageKey + " = '" + config.string(ageKey)
                        .orElseThrow() + "' must be a positive duration of at most 3650 days");
            }
            t = t.withMaxOldestPendingAge(age);
        }
        return t.withMaxDeadMessages(count(config, "ferry.health.max-dead-messages"))
                .withMaxParkedSagas(count(config, "ferry.health.max-parked-sagas"));
    }

    private static long count(FerryConfig config, String key) {
        long n = config.longValue(key, -1);
        if (n < -1) {
            throw new IllegalArgumentException("Ferry configuration " + key + " = '" + config.string(key).orElseThrow()
                    + "' must be 0 or more (or -1 for none)");
        }
        return n;
    }
}

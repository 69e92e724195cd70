package dev.ferry.runtime.container;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.health.HealthThresholds;
import dev.ferry.runtime.telemetry.Telemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;

/**
 * Ferry's telemetry and health thresholds in a server: the server's {@code OpenTelemetry} bean
 * (MicroProfile Telemetry in WildFly and Payara) when the OpenTelemetry API is visible to the
 * application and CDI has such a bean, and none otherwise; {@code ferry.telemetry=false} turns it
 * off. Thresholds come from {@code ferry.health.max-oldest-pending-age}, {@code
 * ferry.health.max-dead-messages} and {@code ferry.health.max-parked-sagas} (all off by default).
 */
public final class ContainerTelemetry {

    private static final System.Logger LOG = System.getLogger(ContainerTelemetry.class.getName());

    private ContainerTelemetry() {
    }

    /**
     * @param config the configuration
     * @return the server's OpenTelemetry as Ferry's telemetry, or {@link Telemetry#none()}
     */
    public static Telemetry find(FerryConfig config) {
        if (!config.bool("ferry.telemetry", true) || !Telemetry.available()) {
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
     * @return the readiness thresholds it sets
     * @throws IllegalArgumentException naming a key whose value is invalid
     */
    public static HealthThresholds thresholds(FerryConfig config) {
        HealthThresholds t = HealthThresholds.none();
        if (config.string("ferry.health.max-oldest-pending-age").isPresent()) {
            t = t.withMaxOldestPendingAge(config.duration("ferry.health.max-oldest-pending-age", null));
        }
        return t.withMaxDeadMessages(config.integer("ferry.health.max-dead-messages", -1))
                .withMaxParkedSagas(config.integer("ferry.health.max-parked-sagas", -1));
    }
}

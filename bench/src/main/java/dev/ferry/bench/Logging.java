package dev.ferry.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the libraries' logs to warnings, so that logging does not cost throughput in any engine. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // Debezium's streaming-lag metric warns once per event it cannot queue, which a fast drain does thousands
        // of times (its queue holds 1,000 and is not configurable).
        System.setProperty("org.slf4j.simpleLogger.log.io.debezium.metrics.stats.MeasurementCollector", "error");
        System.setProperty("org.jboss.logging.provider", "jdk");
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
        Logger.getLogger("com.arjuna").setLevel(Level.WARNING);
        Logger.getLogger("io.agroal").setLevel(Level.WARNING);
        Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
    }
}

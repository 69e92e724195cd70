package dev.ferry.outbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Ferry without the OpenTelemetry API on the class path runs as it did before: the outbox, the
 * relay, the inbox and the health work, and a message carries no trace headers. The run goes in a
 * class loader made of the test class path less OpenTelemetry's jars.
 */
class WithoutOpenTelemetryTest {

    @Test
    void outboxRelayInboxAndHealthWorkWithoutTheOpenTelemetryApi() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int dropped = 0;
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.replace('\\', '/').contains("/io/opentelemetry/")) {
                dropped++;
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        assertFalse(dropped == 0, "the test class path should hold OpenTelemetry's jars to drop: " + path);
        // DriverManager loads the JDBC drivers once, through the first caller's context class loader:
        // let that be this test's loader, not the isolated one, or later tests find no driver.
        java.sql.DriverManager.getDrivers();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            @SuppressWarnings("unchecked")
            Callable<String> run = (Callable<String>) loader.loadClass(NoTelemetryRun.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertEquals("{\"a\":1} {tenant=acme}", run.call(), "the message as before: no trace headers");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            for (java.sql.Driver d : java.util.Collections.list(java.sql.DriverManager.getDrivers())) {
                if (d.getClass().getClassLoader() != null
                        && d.getClass().getClassLoader() != WithoutOpenTelemetryTest.class.getClassLoader()
                        && d.getClass().getClassLoader() != ClassLoader.getSystemClassLoader()) {
                    java.sql.DriverManager.deregisterDriver(d); // the isolated run's copies
                }
            }
        }
    }
}

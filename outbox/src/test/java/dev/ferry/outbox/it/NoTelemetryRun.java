package dev.ferry.outbox.it;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.outbox.inbox.InboxSettings;
import dev.ferry.outbox.inprocess.InProcessPublisher;
import dev.ferry.runtime.health.HealthReport;
import dev.ferry.runtime.telemetry.Telemetry;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes, relays and receives one message and reads the health, run by
 * {@link WithoutOpenTelemetryTest} in a class loader without the OpenTelemetry API.
 */
public final class NoTelemetryRun implements Callable<String> {

    @Override
    public String call() throws Exception {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry");
            throw new AssertionError("the OpenTelemetry API is visible; this run must go without it");
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
        if (Telemetry.available()) {
            throw new AssertionError("Telemetry.available() says yes without the API");
        }
        Class.forName("org.postgresql.Driver"); // registers this loader's copy with DriverManager
        List<String> received = new CopyOnWriteArrayList<>();
        try (OutboxFixture fx = new OutboxFixture(TestDatabase.POSTGRESQL, "no_otel")) {
            OutboxEngine engine = fx.engine(fx.settings().pollInterval(Duration.ofMillis(200)).build(),
                    new InProcessPublisher(m -> received.add(m.payloadAsString() + " " + m.headers())));
            engine.start();
            InboxEngine inboxes = InboxEngine.builder().environment(fx.env).createTables(true)
                    .settings(InboxSettings.builder().schema(fx.schema.schema()).consumer("c").build()).build();
            try {
                fx.inTransaction(() -> engine.outbox().publish(OutboxMessage.builder("t").key("k").payload("{\"a\":1}")
                        .header("tenant", "acme").build()));
                Await.until(Duration.ofSeconds(20), "the message relayed", () -> received.size() == 1);
                boolean handled = fx.inTransaction(() -> inboxes.inbox().receive("m-1", () -> { }));
                HealthReport health = engine.health();
                if (!handled || !health.up()) {
                    throw new AssertionError("handled " + handled + ", health " + health);
                }
                return received.get(0);
            } finally {
                inboxes.close();
            }
        }
    }
}

package dev.ferry.outbox.cdi;

import dev.ferry.inbox.Inbox;
import dev.ferry.outbox.inbox.ConfiguredInboxSettings;
import dev.ferry.outbox.inbox.InboxEngine;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.ContainerResources;
import dev.ferry.runtime.container.DataSourceNames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The inbox in a Jakarta EE application: {@code @Inject Inbox} records message ids in the caller's
 * container transaction ({@code ferry.inbox.datasource}, default {@code ferry.datasource}; the purge uses
 * {@code ferry.inbox.worker-datasource}, default that data source's worker) and purges them after
 * {@code ferry.inbox.retention} on the server's managed threads. Built on first use; configuration keys
 * {@code ferry.inbox.*}.
 */
@ApplicationScoped
public class InboxBeans {

    private InboxEngine engine;

    /** @return the inbox consumers de-duplicate with */
    @Produces
    @ApplicationScoped
    public synchronized Inbox inbox() {
        if (engine == null) {
            FerryConfig config = FerryConfig.current();
            InboxEngine.Builder builder = ContainerResources.configure(InboxEngine.builder(), config,
                    DataSourceNames.ofComponent(config, "inbox"))
                    .settings(ConfiguredInboxSettings.read(config));
            try {
                // First use is usually inside a consumer's transaction; the tables are made outside it.
                engine = builder.transactions().outsideTransaction(() -> builder.build().start());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start Ferry's inbox: " + e.getMessage(), e);
            }
        }
        return engine.inbox();
    }

    /** Stops the purge when the application stops. */
    @PreDestroy
    synchronized void stop() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}

package dev.ferry.outbox.cdi;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.config.ConfiguredOutboxSettings;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.CallerName;
import dev.ferry.runtime.container.ContainerReady;
import dev.ferry.runtime.container.ContainerResources;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * The outbox in a Jakarta EE application: {@code @Inject Outbox} and {@code @Inject OutboxAdmin}
 * work in any bean archive with Ferry's jars in {@code WEB-INF/lib}. The relay starts with the
 * application on the server's managed threads and stops on undeploy. Configuration comes from
 * MicroProfile Config ({@code ferry.*}, see README); a configuration error fails the deployment.
 *
 * <p>Data sources: {@code ferry.datasource} (JTA, default {@code java:comp/DefaultDataSource}) for
 * writes; {@code ferry.worker-datasource} (default: the same) for the relay, which uses it outside any
 * JTA transaction.
 */
@ApplicationScoped
public class OutboxBeans {

    private static final System.Logger LOG = System.getLogger(OutboxBeans.class.getName());

    @Inject
    Instance<MessagePublisher> publishers;

    @Inject
    BeanManager beanManager;

    private OutboxEngine engine;

    /** Builds and starts the engine when the application starts and its session beans can be called. */
    void onStart(@Observes ContainerReady event) {
        engine();
    }

    /** @return the outbox application code writes through */
    @Produces
    @ApplicationScoped
    public Outbox outbox() {
        return engine().outbox();
    }

    /** @return operator actions on dead messages */
    @Produces
    @ApplicationScoped
    public OutboxAdmin outboxAdmin() {
        return engine().admin();
    }

    /** @return the engine if it was started, else null (the health checks do not start it) */
    public synchronized OutboxEngine runningEngine() {
        return engine;
    }

    /** @return the running engine */
    public synchronized OutboxEngine engine() {
        if (engine == null) {
            FerryConfig config = FerryConfig.current();
            MessagePublisher publisher = PublisherChoice.choose(publishers, beanManager, config);
            engine = ContainerResources.configure(OutboxEngine.builder(), config)
                    .settings(ConfiguredOutboxSettings.read(config))
                    .publisher(publisher)
                    .actor(new CallerName(beanManager))
                    .build()
                    .start();
            LOG.log(Level.INFO, "Ferry outbox started on " + ContainerResources.dataSourceName(config)
                    + " with " + publisher.getClass().getSimpleName());
        }
        return engine;
    }

    /** Stops the relay when the application stops: the batch in flight finishes and is recorded. */
    @PreDestroy
    synchronized void stop() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}

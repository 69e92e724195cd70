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
import java.util.Optional;

/**
 * The outbox in a Jakarta EE application: {@code @Inject Outbox} and {@code @Inject OutboxAdmin}
 * work in any bean archive with Ferry's jars in {@code WEB-INF/lib}. The relay starts with the
 * application on the server's managed threads and stops on undeploy. Configuration comes from
 * MicroProfile Config ({@code ferry.*}, see README); a configuration error fails the deployment.
 *
 * <p>Data sources: {@code ferry.datasource} (JTA, default {@code java:comp/DefaultDataSource}) for
 * writes; {@code ferry.worker-datasource} (default: the same) for the relay, which uses it outside any
 * JTA transaction.
 *
 * <p>An application that uses only sagas or the inbox needs no publisher: when no bean injects {@link Outbox} or
 * {@link OutboxAdmin}, no {@code ferry.outbox.publisher} is set and no {@link MessagePublisher} bean exists, the
 * relay does not start (one INFO line says so). Injecting the outbox without a publisher fails the deployment.
 */
@ApplicationScoped
public class OutboxBeans {

    private static final System.Logger LOG = System.getLogger(OutboxBeans.class.getName());

    @Inject
    Instance<MessagePublisher> publishers;

    @Inject
    BeanManager beanManager;

    @Inject
    OutboxUse use;

    private OutboxEngine engine;
    private boolean notUsed;

    /**
     * Builds and starts the engine when the application starts and its session beans can be called; unless the
     * application does without the outbox: it configures no publisher, declares no {@link MessagePublisher} bean
     * and injects neither {@link Outbox} nor {@link OutboxAdmin} (sagas and the inbox need no outbox).
     */
    void onStart(@Observes ContainerReady event) {
        FerryConfig config = FerryConfig.current();
        if (PublisherChoice.named(config).isEmpty() && publishers.isUnsatisfied() && !use.outboxInjected()) {
            synchronized (this) {
                notUsed = true;
            }
            LOG.log(Level.INFO, "Ferry outbox not started: this application injects no Outbox or OutboxAdmin and"
                    + " configures no publisher (" + PublisherChoice.KEY + "), so no relay runs");
            return;
        }
        engine();
    }

    /** @return whether the application does without the outbox, so that no relay runs (decided at start) */
    public synchronized boolean notUsed() {
        return notUsed;
    }

    /** @return the running engine, or empty when the application does without the outbox */
    public synchronized Optional<OutboxEngine> engineIfUsed() {
        return notUsed ? Optional.empty() : Optional.of(engine());
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
            MessagePublisher publisher;
            try {
                publisher = PublisherChoice.choose(publishers, beanManager, config);
            } catch (IllegalStateException e) {
                if (!use.outboxInjected()) {
                    throw e;
                }
                throw new IllegalStateException(e.getMessage() + " (the application injects the outbox at "
                        + String.join(", ", use.injectionPoints()) + ")", e);
            }
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

package dev.ferry.saga.cdi;

import dev.ferry.runtime.config.FerryConfig;
import dev.ferry.runtime.container.CallerName;
import dev.ferry.runtime.container.ContainerReady;
import dev.ferry.runtime.container.ContainerResources;
import dev.ferry.runtime.container.DataSourceNames;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.config.ConfiguredSagaSettings;
import dev.ferry.saga.config.SagaSettings;
import dev.ferry.saga.engine.SagaEngine;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Sagas in a Jakarta EE application: {@code @Inject SagaCoordinator} works in any bean archive with
 * Ferry's jars; the workers run the application's {@code @Saga} beans on the server's managed
 * threads, in the container's JTA transactions, from deployment to undeploy. Configuration comes
 * from MicroProfile Config ({@code ferry.*}, see README). Sagas live in {@code ferry.saga.datasource} (JTA) and
 * {@code ferry.saga.worker-datasource} when set, else in {@code ferry.datasource} and {@code ferry.worker-datasource}.
 */
@ApplicationScoped
public class SagaBeans {

    private static final System.Logger LOG = System.getLogger(SagaBeans.class.getName());

    @Inject
    BeanManager beanManager;

    @Inject
    SagaExtension extension;

    private SagaEngine engine;

    /** Builds and starts the engine when the application starts and its session beans can be called. */
    void onStart(@Observes ContainerReady event) {
        if (!extension.sagaClasses().isEmpty()) {
            engine();
        }
    }

    /** @return the coordinator application code starts and steers sagas with */
    @Produces
    @ApplicationScoped
    public SagaCoordinator sagaCoordinator() {
        return engine().coordinator();
    }

    /** @return the engine if it was started, else null (the health checks do not start it) */
    public synchronized SagaEngine runningEngine() {
        return engine;
    }

    /** @return the running engine */
    public synchronized SagaEngine engine() {
        if (extension.sagaClasses().isEmpty()) {
            throw new IllegalStateException("This application declares no @Saga classes, so it has no saga engine");
        }
        if (engine == null) {
            FerryConfig config = FerryConfig.current();
            // A stable identity by default: a restarted server takes back its own sagas at once.
            SagaSettings settings = ConfiguredSagaSettings.read(config, ContainerResources::serverIdentity);
            DataSourceNames dataSources = DataSourceNames.ofComponent(config, "saga");
            SagaEngine.Builder builder = ContainerResources.configure(SagaEngine.builder(), config, dataSources)
                    .settings(settings).actor(new CallerName(beanManager));
            for (Class<?> type : extension.sagaClasses()) {
                register(builder, type);
            }
            engine = builder.build();
            engine.start();
            LOG.log(Level.INFO, "Ferry sagas started on " + dataSources.jta() + " as engine "
                    + settings.workerId() + ": " + engine.sagaNames());
        }
        return engine;
    }

    private <T> void register(SagaEngine.Builder builder, Class<T> type) {
        builder.register(type, beanManager.createInstance().select(type).get());
    }

    /** Stops the workers when the application stops: steps in flight finish, leases are released. */
    @PreDestroy
    synchronized void stop() {
        if (engine != null) {
            engine.stop(Duration.ofSeconds(30));
            engine = null;
        }
    }
}

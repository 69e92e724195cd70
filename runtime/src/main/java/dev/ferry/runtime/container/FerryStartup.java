package dev.ferry.runtime.container;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Starts Ferry's engines when the application is deployed, once its session beans can be called:
 * fires {@link ContainerReady}, which the outbox and saga beans observe. A failure (a configuration
 * error, a data source whose connections Ferry's transactions would not enlist) fails the
 * deployment. Runs outside any transaction: the engines' start-up work uses local transactions.
 *
 * <p>Internal, but for its bean name: an application bean that publishes or starts sagas while the
 * application starts says {@code @DependsOn("FerryStartup")}.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FerryStartup {

    @Inject
    Event<ContainerReady> ready;

    /** Fires {@link ContainerReady}. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        ready.fire(new ContainerReady());
    }
}

package dev.ferry.console;

import dev.ferry.outbox.OutboxAdmin;
import dev.ferry.outbox.cdi.OutboxBeans;
import dev.ferry.outbox.engine.OutboxEngine;
import dev.ferry.saga.SagaCoordinator;
import dev.ferry.saga.cdi.SagaBeans;
import dev.ferry.saga.engine.SagaEngine;
import dev.ferry.console.http.ErrorResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;

/**
 * Ferry's engines in this application, as the console reaches them: the outbox's unless the application does
 * without the outbox (no publisher, no {@code Outbox} injected), the saga engine when the application declares
 * sagas.
 */
@ApplicationScoped
public class Engines {

    @Inject
    OutboxBeans outbox;

    @Inject
    SagaBeans sagas;

    /** @return the outbox engine, if the application uses the outbox */
    public Optional<OutboxEngine> outboxEngine() {
        return outbox.engineIfUsed();
    }

    /**
     * @return the outbox engine
     * @throws WebApplicationException 404 when the application does without the outbox
     */
    public OutboxEngine outbox() {
        return outboxEngine().orElseThrow(() -> new WebApplicationException(
                ErrorResponses.of(404, "This application uses no outbox").build()));
    }

    /**
     * @param actor who acts
     * @return the outbox's admin recording that actor
     * @throws WebApplicationException 404 when the application does without the outbox
     */
    public OutboxAdmin outboxAdmin(String actor) {
        return outbox().admin().withActor(actor);
    }

    /** @return the saga engine, if the application declares sagas */
    public Optional<SagaEngine> sagaEngine() {
        try {
            return Optional.of(sagas.engine());
        } catch (IllegalStateException e) {
            return Optional.empty(); // no @Saga classes in this application
        }
    }

    /**
     * @return the saga engine
     * @throws WebApplicationException 404 when the application declares no sagas
     */
    public SagaEngine requireSagaEngine() {
        return sagaEngine().orElseThrow(() -> new WebApplicationException(
                ErrorResponses.of(404, "This application declares no sagas").build()));
    }

    /**
     * @param actor who acts
     * @return the saga coordinator recording that actor
     */
    public SagaCoordinator sagaCoordinator(String actor) {
        return requireSagaEngine().coordinator().withActor(actor);
    }
}

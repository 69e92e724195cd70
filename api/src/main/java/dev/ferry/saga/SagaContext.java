package dev.ferry.saga;

import java.util.UUID;

/**
 * What a running step or compensation knows about its saga. Pass it as the second parameter of a
 * step or compensation method to receive it.
 */
public interface SagaContext {

    /** @return the saga instance's id */
    UUID sagaId();

    /** @return the saga's name, as in {@link Saga#name()} */
    String sagaName();

    /** @return the step's name (its method's name); for a compensation, the step it undoes */
    String stepName();

    /** @return the attempt number, 1 for the first attempt of the step or compensation */
    int attempt();

    /** @return whether this is a compensation rather than the step itself */
    boolean compensating();

    /**
     * Declares that the step waits for a reply from elsewhere: when the step returns, its
     * transaction commits (with, typically, a command sent through the outbox) and the saga
     * becomes {@link SagaStatus#WAITING} until {@link SagaCoordinator#completeStep} or
     * {@link SagaCoordinator#failStep} is called or the step's {@link SagaStep#timeout() timeout}
     * passes. No thread is held while the saga waits.
     *
     * @throws IllegalStateException in a compensation
     */
    void awaitReply();
}

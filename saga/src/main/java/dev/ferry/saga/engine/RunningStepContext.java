package dev.ferry.saga.engine;

import dev.ferry.saga.SagaContext;
import java.util.UUID;

/** The {@link SagaContext} of one attempt of a step or compensation. */
final class RunningStepContext implements SagaContext {

    private final UUID sagaId;
    private final String sagaName;
    private final String stepName;
    private final int attempt;
    private final boolean compensating;
    private volatile boolean awaitingReply;

    RunningStepContext(UUID sagaId, String sagaName, String stepName, int attempt, boolean compensating) {
        this.sagaId = sagaId;
        this.sagaName = sagaName;
        this.stepName = stepName;
        this.attempt = attempt;
        this.compensating = compensating;
    }

    @Override
    public UUID sagaId() {
        return sagaId;
    }

    @Override
    public String sagaName() {
        return sagaName;
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public boolean compensating() {
        return compensating;
    }

    @Override
    public void awaitReply() {
        if (compensating) {
            throw new IllegalStateException("The compensation of step " + stepName + " of saga " + sagaName
                    + " cannot wait for a reply; only a step can");
        }
        awaitingReply = true;
    }

    boolean awaitingReply() {
        return awaitingReply;
    }

    @Override
    public String toString() {
        return sagaName + " " + sagaId + " " + (compensating ? "compensating " : "step ") + stepName
                + " attempt " + attempt;
    }
}

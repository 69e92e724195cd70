package dev.ferry.sample.it;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;

/** An invalid saga: its compensation method does not exist. Deploying it must fail. */
@Saga(name = "broken")
public class BrokenSaga {

    @SagaStep(order = 1, compensateWith = "undoReserve")
    public void reserve(String data) {
    }
}

package dev.ferry.sample.it.matrix.soak;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;

/** Two quick steps; every saga completes. */
@Saga(name = "soak")
public class SoakSaga {

    /** @param data the saga's data */
    @SagaStep(order = 1, compensateWith = "release")
    public void reserve(SoakData data) {
        // the step's transaction records its completion; the soak measures Ferry, not the step
    }

    /** @param data the saga's data */
    public void release(SoakData data) {
        // compensation of reserve
    }

    /**
     * @param data the saga's data
     * @return the data for the next step
     */
    @SagaStep(order = 2)
    public SoakData confirm(SoakData data) {
        return new SoakData(data.orderId(), data.amount() + 1);
    }
}

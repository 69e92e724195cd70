package dev.ferry.sample.it.matrix.jsonmapper;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;

/** One step that weighs the parcel: its data goes through the application's mapper both ways. */
@Saga(name = "parcel")
public class ParcelSaga {

    /**
     * @param parcel the parcel, read with the application's mapper
     * @return it weighed
     */
    @SagaStep(order = 1)
    public Parcel weigh(Parcel parcel) {
        return parcel.weigh();
    }
}

package dev.ferry.sample.it.v2;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;

/**
 * Version 2 of the sample's saga, deployed without version 1: with version 1 instances in flight,
 * the deployment must be refused.
 */
@Saga(name = "order-fulfilment", version = 2)
public class OrderFulfilmentV2 {

    /**
     * @param data the saga data, as JSON text
     */
    @SagaStep(order = 1)
    public void confirm(String data) {
    }
}

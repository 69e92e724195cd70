package dev.ferry.sample.it.matrix.sagasonly;

import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaStep;

/** A two-step saga that touches nothing but its own progress. */
@Saga(name = "pub-greeting")
public class GreetingSaga {

    /**
     * The saga's data.
     *
     * @param name whom to greet
     */
    public record GreetingData(String name) {
    }

    /** @param data the saga's data */
    @SagaStep(order = 1)
    public void prepare(GreetingData data) {
        if (data.name().isBlank()) {
            throw new IllegalArgumentException("no name");
        }
    }

    /** @param data the saga's data */
    @SagaStep(order = 2)
    public void greet(GreetingData data) {
        System.getLogger(GreetingSaga.class.getName()).log(System.Logger.Level.INFO, "Hello, " + data.name());
    }
}

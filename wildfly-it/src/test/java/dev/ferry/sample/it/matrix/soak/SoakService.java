package dev.ferry.sample.it.matrix.soak;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.SagaCoordinator;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Writes the soak's load: messages in container transactions, and sagas. */
@Stateless
public class SoakService {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Inject
    Outbox outbox;

    @Inject
    SagaCoordinator sagas;

    /**
     * @param n messages to publish in this transaction, on keys spread over 100
     */
    public void publish(int n) {
        for (int i = 0; i < n; i++) {
            long seq = SEQUENCE.incrementAndGet();
            outbox.publish(OutboxMessage.builder("soak").key("key-" + seq % 100).type("SoakEvent")
                    .payload(Map.of("seq", seq, "text", "a soak message of about a hundred bytes, as events are"))
                    .build());
        }
    }

    /** @return the started saga */
    public UUID startSaga() {
        long seq = SEQUENCE.incrementAndGet();
        return sagas.start(SoakSaga.class, new SoakData("order-" + seq, seq));
    }
}

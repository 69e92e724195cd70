package dev.ferry.sample.it.matrix.jsonmapper;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.SagaCoordinator;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.UUID;

/** Sends a parcel: its {@code ParcelSent} message and its saga in one container transaction. */
@Stateless
public class ParcelService {

    @Inject
    Outbox outbox;

    @Inject
    SagaCoordinator sagas;

    /**
     * @param trackingCode the parcel's code (the message key)
     * @return the saga's id
     */
    public UUID send(String trackingCode) {
        Parcel parcel = new Parcel(trackingCode, 250, false);
        outbox.publish(OutboxMessage.builder("parcels").key(trackingCode).type("ParcelSent").payload(parcel).build());
        return sagas.start(ParcelSaga.class, parcel);
    }
}

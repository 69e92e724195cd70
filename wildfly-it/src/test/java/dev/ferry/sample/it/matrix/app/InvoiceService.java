package dev.ferry.sample.it.matrix.app;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.SagaCoordinator;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.UUID;

/** Creates invoices: the row, its {@code InvoiceCreated} message and its saga in one container transaction. */
@Stateless
public class InvoiceService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    SagaCoordinator sagas;

    /**
     * @param amountCents the amount; a negative one makes the saga's "post" step fail
     * @return the invoice id and the saga id
     */
    public String[] create(long amountCents) {
        Invoice invoice = new Invoice(UUID.randomUUID().toString(), amountCents);
        em.persist(invoice);
        outbox.publish(OutboxMessage.builder("ledger").key(invoice.getId()).type("InvoiceCreated")
                .payload(Map.of("invoiceId", invoice.getId(), "amountCents", amountCents)).build());
        UUID sagaId = sagas.start(InvoiceSaga.class, new InvoiceData(invoice.getId(), amountCents),
                "invoice-" + invoice.getId());
        invoice.setSagaId(sagaId.toString());
        return new String[] {invoice.getId(), sagaId.toString()};
    }
}

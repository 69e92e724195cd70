package dev.ferry.sample.it.matrix.app;

import dev.ferry.outbox.Outbox;
import dev.ferry.outbox.OutboxMessage;
import dev.ferry.saga.Saga;
import dev.ferry.saga.SagaContext;
import dev.ferry.saga.SagaStep;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;

/**
 * Book, then post. Posting writes a step row and an {@code InvoicePosted} message, flushed to the database, and
 * then fails for a negative amount: each failed attempt must leave neither behind, and after the last attempt the
 * booking is compensated.
 */
@Saga(name = "invoice")
public class InvoiceSaga {

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @SagaStep(order = 1, compensateWith = "unbook", backoff = "PT0.2S")
    public void book(InvoiceData data, SagaContext ctx) {
        record(data, ctx, "book");
    }

    public void unbook(InvoiceData data, SagaContext ctx) {
        record(data, ctx, "unbook");
    }

    @SagaStep(order = 2, maxAttempts = 2, backoff = "PT0.2S")
    public void post(InvoiceData data, SagaContext ctx) {
        record(data, ctx, "post");
        outbox.publish(OutboxMessage.builder("ledger").key(data.getInvoiceId()).type("InvoicePosted")
                .payload(Map.of("invoiceId", data.getInvoiceId(), "amountCents", data.getAmountCents())).build());
        if (data.getAmountCents() < 0) {
            throw new IllegalStateException("negative amount on invoice " + data.getInvoiceId() + ", attempt "
                    + ctx.attempt() + " (the step row and the message must roll back)");
        }
    }

    private void record(InvoiceData data, SagaContext ctx, String action) {
        em.persist(new InvoiceStep(data.getInvoiceId(), ctx.sagaId().toString(), action, ctx.attempt()));
        em.flush(); // the row is in the database now, in the step's transaction (if the connection is enlisted)
    }
}

package dev.ferry.sample.it.matrix.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The effect of one saga step or compensation ("book", "post", "unbook"), written in its transaction. */
@Entity
@Table(name = "matrix_invoice_step")
public class InvoiceStep {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "invoice_id", length = 36)
    private String invoiceId;

    @Column(name = "saga_id", length = 36)
    private String sagaId;

    @Column(name = "action", length = 20)
    private String action;

    @Column(name = "attempt")
    private int attempt;

    protected InvoiceStep() {
    }

    public InvoiceStep(String invoiceId, String sagaId, String action, int attempt) {
        this.id = UUID.randomUUID().toString();
        this.invoiceId = invoiceId;
        this.sagaId = sagaId;
        this.action = action;
        this.attempt = attempt;
    }

    public String getId() {
        return id;
    }

    public String getInvoiceId() {
        return invoiceId;
    }

    public String getSagaId() {
        return sagaId;
    }

    public String getAction() {
        return action;
    }

    public int getAttempt() {
        return attempt;
    }
}

package dev.ferry.sample.it.matrix.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An invoice, written by the request's transaction together with its message and its saga. */
@Entity
@Table(name = "matrix_invoice")
public class Invoice {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "amount_cents")
    private long amountCents;

    @Column(name = "saga_id", length = 36)
    private String sagaId;

    protected Invoice() {
    }

    public Invoice(String id, long amountCents) {
        this.id = id;
        this.amountCents = amountCents;
    }

    public String getId() {
        return id;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public String getSagaId() {
        return sagaId;
    }

    public void setSagaId(String sagaId) {
        this.sagaId = sagaId;
    }
}

package dev.ferry.outbox.it;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A business entity written with JPA next to an outbox message. */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {

    @Id
    private String id;
    private long totalCents;

    protected PurchaseOrder() {
    }

    PurchaseOrder(String id, long totalCents) {
        this.id = id;
        this.totalCents = totalCents;
    }

    public String getId() {
        return id;
    }

    public long getTotalCents() {
        return totalCents;
    }
}

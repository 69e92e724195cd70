package dev.ferry.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An order, written with JPA in the same transaction as its outbox message. */
@Entity
@Table(name = "sample_order")
public class PurchaseOrder {

    /** Where an order stands. */
    public enum Status { PLACED, FULFILLED, CANCELLED }

    @Id
    @Column(length = 36)
    private String id;
    private String customer;
    private long totalCents;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant placedAt;
    @Column(length = 36)
    private String sagaId;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(String id, String customer, long totalCents, Instant placedAt) {
        this.id = id;
        this.customer = customer;
        this.totalCents = totalCents;
        this.status = Status.PLACED;
        this.placedAt = placedAt;
    }

    public String getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public long getTotalCents() {
        return totalCents;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public String getSagaId() {
        return sagaId;
    }

    public void setSagaId(String sagaId) {
        this.sagaId = sagaId;
    }

    public void setStatus(Status status) {
        this.status = status;
    }
}

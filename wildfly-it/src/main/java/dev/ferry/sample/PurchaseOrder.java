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
    public enum Status {
        /** Placed; its fulfilment saga is running. */
        PLACED,
        /** Shipped. */
        FULFILLED,
        /** Its fulfilment failed and was compensated. */
        CANCELLED
    }

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

    /** For JPA. */
    protected PurchaseOrder() {
    }

    /**
     * A {@link Status#PLACED} order.
     *
     * @param id the order's id
     * @param customer who orders
     * @param totalCents the amount
     * @param placedAt when it was placed
     */
    public PurchaseOrder(String id, String customer, long totalCents, Instant placedAt) {
        this.id = id;
        this.customer = customer;
        this.totalCents = totalCents;
        this.status = Status.PLACED;
        this.placedAt = placedAt;
    }

    /** @return the order's id */
    public String getId() {
        return id;
    }

    /** @return who ordered */
    public String getCustomer() {
        return customer;
    }

    /** @return the amount */
    public long getTotalCents() {
        return totalCents;
    }

    /** @return where the order stands */
    public Status getStatus() {
        return status;
    }

    /** @return when it was placed */
    public Instant getPlacedAt() {
        return placedAt;
    }

    /** @return its fulfilment saga, or null before it is set */
    public String getSagaId() {
        return sagaId;
    }

    /** @param sagaId its fulfilment saga */
    public void setSagaId(String sagaId) {
        this.sagaId = sagaId;
    }

    /** @param status where the order now stands */
    public void setStatus(Status status) {
        this.status = status;
    }
}

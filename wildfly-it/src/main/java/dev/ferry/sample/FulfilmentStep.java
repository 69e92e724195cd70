package dev.ferry.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One effect of the order-fulfilment saga, written in the step's transaction. */
@Entity
@Table(name = "sample_fulfilment_step")
public class FulfilmentStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String orderId;
    private String action;
    private Instant doneAt;

    protected FulfilmentStep() {
    }

    public FulfilmentStep(String orderId, String action, Instant doneAt) {
        this.orderId = orderId;
        this.action = action;
        this.doneAt = doneAt;
    }

    public Long getId() {
        return id;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getAction() {
        return action;
    }
}

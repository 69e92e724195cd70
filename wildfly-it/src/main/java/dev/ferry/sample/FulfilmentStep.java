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

    /** For JPA. */
    protected FulfilmentStep() {
    }

    /**
     * @param orderId the order
     * @param action what the step did
     * @param doneAt when
     */
    public FulfilmentStep(String orderId, String action, Instant doneAt) {
        this.orderId = orderId;
        this.action = action;
        this.doneAt = doneAt;
    }

    /** @return the generated id, in the order the effects were written */
    public Long getId() {
        return id;
    }

    /** @return the order */
    public String getOrderId() {
        return orderId;
    }

    /** @return what the step did */
    public String getAction() {
        return action;
    }
}

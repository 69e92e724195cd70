package dev.ferry.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event the sample's consumer received, keyed by Ferry's message id. */
@Entity
@Table(name = "sample_received_event")
public class ReceivedEvent {

    @Id
    @Column(length = 36)
    private String messageId;
    private String orderId;
    private String channel;
    private Instant receivedAt;

    /** For JPA. */
    protected ReceivedEvent() {
    }

    /**
     * @param messageId Ferry's message id
     * @param orderId the order it is about
     * @param channel how it arrived (jms, cdi-event)
     * @param receivedAt when
     */
    public ReceivedEvent(String messageId, String orderId, String channel, Instant receivedAt) {
        this.messageId = messageId;
        this.orderId = orderId;
        this.channel = channel;
        this.receivedAt = receivedAt;
    }

    /** @return Ferry's message id */
    public String getMessageId() {
        return messageId;
    }

    /** @return the order it is about */
    public String getOrderId() {
        return orderId;
    }

    /** @return how it arrived (jms, cdi-event) */
    public String getChannel() {
        return channel;
    }
}

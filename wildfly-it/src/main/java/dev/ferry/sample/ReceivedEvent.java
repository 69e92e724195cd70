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

    protected ReceivedEvent() {
    }

    public ReceivedEvent(String messageId, String orderId, String channel, Instant receivedAt) {
        this.messageId = messageId;
        this.orderId = orderId;
        this.channel = channel;
        this.receivedAt = receivedAt;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getChannel() {
        return channel;
    }
}

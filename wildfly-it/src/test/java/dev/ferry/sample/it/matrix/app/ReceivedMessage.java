package dev.ferry.sample.it.matrix.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A message the application's consumer received. Keyed by a fresh id, not by the message id, so a duplicate
 * that got past the inbox would show as a second row.
 */
@Entity
@Table(name = "matrix_received_message")
public class ReceivedMessage {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "message_id", length = 36)
    private String messageId;

    @Column(name = "msg_key", length = 255)
    private String key;

    @Column(name = "msg_type", length = 255)
    private String type;

    protected ReceivedMessage() {
    }

    public ReceivedMessage(String messageId, String key, String type) {
        this.id = UUID.randomUUID().toString();
        this.messageId = messageId;
        this.key = key;
        this.type = type;
    }

    public String getId() {
        return id;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getKey() {
        return key;
    }

    public String getType() {
        return type;
    }
}

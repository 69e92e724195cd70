package dev.ferry.outbox.spi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored message handed to a {@link MessagePublisher}.
 *
 * @param id the message id, stable across attempts; consumers de-duplicate on it
 * @param sequence the write order across the whole outbox table
 * @param topic where the message goes
 * @param key the ordering key, or null
 * @param type the message type, or null
 * @param contentType {@code application/json} or {@code application/octet-stream}
 * @param payload the payload bytes (do not modify)
 * @param headers the user's headers, unmodifiable
 * @param createdAt when it was written
 * @param attempt 1 for the first attempt, 2 for the first retry, …
 */
public record OutgoingMessage(UUID id, long sequence, String topic, String key, String type,
                              String contentType, byte[] payload, Map<String, String> headers,
                              Instant createdAt, int attempt) {

    /** @return the payload decoded as UTF-8 text */
    public String payloadAsString() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[id=" + id + ", seq=" + sequence + ", topic=" + topic + ", key=" + key
                + ", type=" + type + ", attempt=" + attempt + "]";
    }
}

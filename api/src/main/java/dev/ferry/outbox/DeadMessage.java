package dev.ferry.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message the relay gave up on after its configured attempts; it is kept until replayed or
 * discarded through {@link OutboxAdmin}.
 *
 * @param id the message id
 * @param topic its topic
 * @param key its ordering key, or null
 * @param type its type, or null
 * @param attempts how many times publishing was tried
 * @param lastError the last publishing error
 * @param createdAt when it was written
 * @param contentType the payload's content type, for example {@code application/json}
 * @param payload the payload as stored (and as the relay publishes it); the caller must not change it
 * @param headers the message's headers as stored
 */
public record DeadMessage(UUID id, String topic, String key, String type, int attempts, String lastError,
                          Instant createdAt, String contentType, byte[] payload, Map<String, String> headers) {

    /**
     * @param id the message id
     * @param topic its topic
     * @param key its ordering key, or null
     * @param type its type, or null
     * @param attempts how many times publishing was tried
     * @param lastError the last publishing error
     * @param createdAt when it was written
     * @param contentType the payload's content type
     * @param payload the payload, or null
     * @param headers the headers, or null for none
     */
    public DeadMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

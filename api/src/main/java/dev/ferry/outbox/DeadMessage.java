package dev.ferry.outbox;

import java.time.Instant;
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
 */
public record DeadMessage(UUID id, String topic, String key, String type, int attempts,
                          String lastError, Instant createdAt) {
}

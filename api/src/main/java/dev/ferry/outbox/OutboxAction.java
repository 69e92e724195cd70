package dev.ferry.outbox;

/** An operator's action on dead messages, as an {@link OutboxAuditEntry} records it. */
public enum OutboxAction {
    /** One dead message was made pending again ({@link OutboxAdmin#replay(java.util.UUID, String)}). */
    REPLAYED,
    /** Every dead message of one topic was made pending again ({@link OutboxAdmin#replayTopic}). */
    REPLAYED_TOPIC,
    /** Every dead message was made pending again ({@link OutboxAdmin#replayAll(String)}). */
    REPLAYED_ALL,
    /** One dead message was deleted for good ({@link OutboxAdmin#discard(java.util.UUID, String)}). */
    DISCARDED
}

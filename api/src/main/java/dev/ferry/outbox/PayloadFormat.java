package dev.ferry.outbox;

/** How an {@link OutboxMessage}'s payload is turned into the bytes that are stored and published. */
public enum PayloadFormat {
    /** An object serialized to JSON by the runtime's JSON codec (Jackson). */
    OBJECT,
    /** A string that already holds JSON; it is checked to be well-formed and stored as UTF-8. */
    JSON,
    /** Raw bytes stored and published as they are. */
    BYTES
}

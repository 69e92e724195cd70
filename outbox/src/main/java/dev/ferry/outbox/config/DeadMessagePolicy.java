package dev.ferry.outbox.config;

/** What a dead message means for the later messages of its key. */
public enum DeadMessagePolicy {
    /**
     * Later messages of the key wait until the dead one is replayed or discarded, so a key's
     * messages are never published out of order (the default).
     */
    HOLD_KEY,
    /**
     * Later messages of the key go on; a replayed dead message is then published after them.
     */
    CONTINUE
}

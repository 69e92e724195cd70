package dev.ferry.outbox.relay;

/**
 * What became of one claimed message in a publish round.
 *
 * @param message the message
 * @param kind what became of it
 * @param error the failure, for {@code FAILED} and {@code UNAVAILABLE}
 */
record Outcome(ClaimedMessage message, Kind kind, String error) {

    /**
     * @param maxAttempts the attempts a message gets
     * @return whether this outcome parks the message as dead: a refusal of its last attempt
     */
    boolean diesWith(int maxAttempts) {
        return kind == Kind.FAILED && message.previousAttempts() + 1 >= maxAttempts;
    }

    enum Kind {
        /** The broker confirmed it. */
        DELIVERED,
        /** The broker refused it, or did not confirm it: an attempt counts. */
        FAILED,
        /** The broker was unavailable: no attempt counts. */
        UNAVAILABLE,
        /** Not sent, because an earlier message of its key failed. */
        NOT_ATTEMPTED
    }
}

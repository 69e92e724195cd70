package dev.ferry.outbox.relay;

import dev.ferry.outbox.spi.OutgoingMessage;

/**
 * A claimed message with the attempts made before this one.
 *
 * @param message what the publisher sees
 * @param previousAttempts attempts made before this claim
 */
record ClaimedMessage(OutgoingMessage message, int previousAttempts) {

    long seq() {
        return message.sequence();
    }

    String key() {
        return message.key();
    }
}

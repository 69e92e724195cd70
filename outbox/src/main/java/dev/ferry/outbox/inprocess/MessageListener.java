package dev.ferry.outbox.inprocess;

import dev.ferry.outbox.spi.OutgoingMessage;

/** Receives messages from the {@link InProcessPublisher}; returning normally confirms delivery. */
@FunctionalInterface
public interface MessageListener {

    /**
     * @param message the message
     * @throws Exception to fail the delivery; the message is retried with backoff. A
     *     {@link dev.ferry.outbox.spi.BrokerUnavailableException} (the listener cannot take messages at
     *     the moment) counts no attempt and pauses the relay; any other exception counts one
     */
    void onMessage(OutgoingMessage message) throws Exception;
}

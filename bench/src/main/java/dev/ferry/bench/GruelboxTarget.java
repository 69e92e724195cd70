package dev.ferry.bench;

import java.util.concurrent.atomic.AtomicLong;

/** What the gruelbox transaction-outbox invokes for each message: a no-op publisher that counts. */
public class GruelboxTarget {

    static final AtomicLong CALLS = new AtomicLong();

    /**
     * Publishes a message (does nothing but count it).
     *
     * @param topic the topic
     * @param key the ordering key
     * @param payload the JSON payload
     */
    public void publish(String topic, String key, String payload) {
        if (payload != null && topic != null) {
            CALLS.incrementAndGet();
        }
    }
}

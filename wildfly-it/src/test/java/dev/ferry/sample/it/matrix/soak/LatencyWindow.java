package dev.ferry.sample.it.matrix.soak;

import dev.ferry.outbox.spi.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Receives every message the relay publishes as a CDI event and keeps its commit-to-publish latency (from the
 * message's write to its delivery) until the next {@link #drain()}.
 */
@ApplicationScoped
public class LatencyWindow {

    private long[] micros = new long[1 << 16];
    private int size;
    private long received;

    void on(@Observes OutgoingMessage message) {
        long us = Math.max(0, Duration.between(message.createdAt(), Instant.now()).toNanos() / 1000);
        synchronized (this) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = us;
            received++;
        }
    }

    /**
     * @return {received in the window, total received, p50 µs, p99 µs, max µs}; the window starts again
     */
    public synchronized long[] drain() {
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        long inWindow = size;
        size = 0;
        if (micros.length > 1 << 16) {
            micros = new long[1 << 16];
        }
        if (sorted.length == 0) {
            return new long[] {0, received, 0, 0, 0};
        }
        return new long[] {inWindow, received, sorted[(int) (sorted.length * 0.50)],
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))], sorted[sorted.length - 1]};
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.runtime.retry.Backoff;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides whether a relay thread may claim a batch while the broker is unavailable: a circuit
 * breaker over the whole relay, so that an outage pauses the relay instead of spending the attempts
 * of every message in flight.
 *
 * <p>Closed, every thread claims. A batch that found the broker unavailable and had none of its
 * messages answered (delivered or refused) opens it: claims stop for the first pause, then one
 * thread claims a batch as a probe while the others keep waiting. A probe the broker answers closes
 * the breaker; a probe that finds it unavailable again makes the next pause the backoff's next one
 * (doubling, up to its maximum); a probe that found nothing to send lets the next claim probe.
 *
 * <p>Results of batches claimed before the breaker opened are stale and ignored: a batch that was in
 * flight when the broker went down neither opens it a second time nor, confirmed just before the
 * outage, closes it.
 *
 * <p>Thread-safe: the relay's threads share one breaker.
 */
final class OutageBreaker {

    /**
     * Leave to claim one batch. Its result is reported with exactly one of {@link #answered},
     * {@link #unavailable} and {@link #unused}.
     *
     * @param epoch the outage count when it was given, which tells stale results apart
     * @param probe whether the batch probes an open breaker
     */
    record Permit(long epoch, boolean probe) {
    }

    private final Backoff pauses;
    private final LongSupplier nanoTime;
    private boolean open;
    private boolean probing;
    private long epoch;
    /** Times the broker was found unavailable in this outage: 1 when it began, then one per failed probe. */
    private int unavailableCount;
    private Duration pause = Duration.ZERO;
    private long nextProbe;
    private long openedAt;

    /**
     * @param pauses how long claims pause after the broker was found unavailable, then between probes
     * @param nanoTime the monotonic clock
     */
    OutageBreaker(Backoff pauses, LongSupplier nanoTime) {
        this.pauses = pauses;
        this.nanoTime = nanoTime;
    }

    /** @return leave to claim a batch, or null while claims pause or another thread probes */
    synchronized Permit permit() {
        if (!open) {
            return new Permit(epoch, false);
        }
        if (probing || nanoTime.getAsLong() - nextProbe < 0) {
            return null;
        }
        probing = true;
        return new Permit(epoch, true);
    }

    /**
     * The broker answered the batch: it delivered or refused at least one of its messages.
     *
     * @param permit the batch's permit
     * @return how long the outage lasted if this ended one, else null
     */
    synchronized Duration answered(Permit permit) {
        if (!open || permit.epoch() != epoch) {
            return null;
        }
        open = false;
        probing = false;
        return Duration.ofNanos(nanoTime.getAsLong() - openedAt);
    }

    /**
     * The broker was unavailable for the batch and answered none of its messages.
     *
     * @param permit the batch's permit
     * @return true if this began an outage (the breaker opened)
     */
    synchronized boolean unavailable(Permit permit) {
        if (permit.epoch() != epoch) {
            return false;
        }
        long now = nanoTime.getAsLong();
        boolean began = !open;
        if (began) {
            open = true;
            epoch++;
            openedAt = now;
            unavailableCount = 0;
        }
        probing = false;
        unavailableCount++;
        pause = pauses.delayAfter(unavailableCount);
        nextProbe = now + Math.max(1, pause.toNanos());
        return began;
    }

    /**
     * The batch's claim found nothing to send, or failed before the broker was asked.
     *
     * @param permit the batch's permit
     */
    synchronized void unused(Permit permit) {
        if (permit.probe() && permit.epoch() == epoch) {
            probing = false;
        }
    }

    /** @return whether claims are paused for an outage (a probe may be under way) */
    synchronized boolean isOpen() {
        return open;
    }

    /** @return the pause before the next probe, while open */
    synchronized Duration pause() {
        return pause;
    }
}

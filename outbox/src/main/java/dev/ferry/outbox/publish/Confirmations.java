package dev.ferry.outbox.publish;

import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker answers one round of sends is waiting for. Each expected message is reported exactly
 * once: delivered on the broker's confirmation, failed on a refusal, an error or the timeout, and
 * always before {@link #await} returns (the report is made under this object's lock). An
 * answer that comes after the message was already reported (a confirmation after the timeout) is
 * ignored, so a message is never marked delivered after it was counted as failed. Thread-safe:
 * broker callback threads report while the sending thread waits.
 *
 * <p>When the timeout passes before the broker answered any message of the round (confirmed it, or
 * refused it for a reason of its own), the broker is taken to be unavailable: the messages still
 * waiting fail with a {@link BrokerUnavailableException}, which costs them no attempt. When it
 * answered some, the ones it left waiting fail with a {@link TimeoutException}.
 */
public final class Confirmations {

    private final DeliveryReport report;
    private final String broker;
    private final Set<OutgoingMessage> pending = Collections.newSetFromMap(new IdentityHashMap<>());
    private int answered;

    /**
     * @param report the batch's report
     * @param broker names the broker in error messages
     */
    public Confirmations(DeliveryReport report, String broker) {
        this.report = report;
        this.broker = broker;
    }

    /** @param message a message about to be sent; an answer is now awaited for it */
    public synchronized void expect(OutgoingMessage message) {
        pending.add(message);
    }

    /** @param message the broker confirmed it */
    public synchronized void confirmed(OutgoingMessage message) {
        if (take(message)) {
            answered++;
            report.delivered(message);
        }
    }

    /**
     * @param message the broker refused it, or sending failed
     * @param cause why
     */
    public synchronized void failed(OutgoingMessage message, Throwable cause) {
        if (take(message)) {
            answered += cause instanceof BrokerUnavailableException ? 0 : 1;
            report.failed(message, cause);
        }
    }

    /** @param cause fails every message still waiting (the connection or channel was lost) */
    public synchronized void failAll(Throwable cause) {
        for (OutgoingMessage m : pending) {
            report.failed(m, cause);
        }
        pending.clear();
        notifyAll();
    }

    /** @return how many messages still wait for an answer */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Waits until every expected message was answered; fails those that were not within the timeout.
     *
     * @param timeout how long to wait
     * @return whether every message was answered in time
     */
    public boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        synchronized (this) {
            if (pending.isEmpty()) {
                return true;
            }
            String waited = broker + " within " + timeout.toMillis() + " ms";
            failAll(answered == 0
                    ? new BrokerUnavailableException("No answer from " + waited + " to any message of the round", null)
                    : new TimeoutException("No confirmation from " + waited));
            return false;
        }
    }

    /** Called holding the lock, and the report is made before the lock is released: once
     * {@link #await} returns, every answer it saw is in the report. */
    private boolean take(OutgoingMessage message) {
        boolean taken = pending.remove(message);
        if (pending.isEmpty()) {
            notifyAll();
        }
        return taken;
    }
}

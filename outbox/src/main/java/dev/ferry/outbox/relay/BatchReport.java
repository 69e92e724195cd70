package dev.ferry.outbox.relay;

import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a publisher's per-message reports for one batch and turns them into outcomes. A failure
 * whose cause is a {@link BrokerUnavailableException} is an outage, not the message's fault. A
 * message left unreported counts as failed ("not confirmed"), unless an earlier message of its key
 * failed, in which case it was rightly not attempted and no attempt is counted. A report that was
 * {@linkplain #close closed} (the publisher did not return in time) ignores what comes after.
 */
final class BatchReport implements DeliveryReport {

    private final List<ClaimedMessage> batch;
    private final Map<OutgoingMessage, ClaimedMessage> byMessage = new IdentityHashMap<>();
    private final Map<OutgoingMessage, String> failures = new IdentityHashMap<>();
    private final Map<OutgoingMessage, Boolean> unavailable = new IdentityHashMap<>();
    private final Map<OutgoingMessage, Boolean> delivered = new IdentityHashMap<>();
    /** Lowest failed sequence per key. */
    private final Map<String, Long> failedKeys = new HashMap<>();
    /** Whether the round ended without the publisher: later reports are ignored. */
    private boolean closed;

    BatchReport(List<ClaimedMessage> batch) {
        this.batch = batch;
        for (ClaimedMessage m : batch) {
            byMessage.put(m.message(), m);
        }
    }

    @Override
    public synchronized void delivered(OutgoingMessage message) {
        require(message);
        if (!closed && !failures.containsKey(message)) {
            delivered.put(message, Boolean.TRUE);
        }
    }

    @Override
    public synchronized void failed(OutgoingMessage message, Throwable cause) {
        require(message);
        if (closed || delivered.containsKey(message)) {
            return; // a confirmation already came, or the round ended; a late error does not undo it
        }
        if (failures.putIfAbsent(message, describe(cause)) == null && cause instanceof BrokerUnavailableException) {
            unavailable.put(message, Boolean.TRUE);
        }
        if (message.key() != null) {
            failedKeys.merge(message.key(), message.sequence(), Math::min);
        }
    }

    @Override
    public synchronized boolean keyFailed(OutgoingMessage message) {
        Long failedSeq = message.key() == null ? null : failedKeys.get(message.key());
        return failedSeq != null && failedSeq < message.sequence();
    }

    /** Fails every message not yet reported (the publisher threw). */
    synchronized void failUnreported(Throwable cause) {
        for (ClaimedMessage m : batch) {
            if (!delivered.containsKey(m.message()) && !failures.containsKey(m.message())) {
                failed(m.message(), cause);
            }
        }
    }

    /**
     * Fails every message not yet reported and ignores later reports: the publisher did not return
     * in time (and its call was abandoned), or the relay stopped.
     */
    synchronized void close(Throwable cause) {
        failUnreported(cause);
        closed = true;
    }

    synchronized List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (ClaimedMessage m : batch) {
            OutgoingMessage msg = m.message();
            if (delivered.containsKey(msg)) {
                outcomes.add(new Outcome(m, Outcome.Kind.DELIVERED, null));
            } else if (keyFailed(msg)) {
                outcomes.add(new Outcome(m, Outcome.Kind.NOT_ATTEMPTED, null));
            } else if (unavailable.containsKey(msg)) {
                outcomes.add(new Outcome(m, Outcome.Kind.UNAVAILABLE, failures.get(msg)));
            } else if (failures.containsKey(msg)) {
                outcomes.add(new Outcome(m, Outcome.Kind.FAILED, failures.get(msg)));
            } else {
                outcomes.add(new Outcome(m, Outcome.Kind.FAILED, "the publisher did not confirm the message"));
            }
        }
        return outcomes;
    }

    private void require(OutgoingMessage message) {
        if (!byMessage.containsKey(message)) {
            throw new IllegalArgumentException("Reported a message that is not part of this batch: " + message);
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "failed (no cause given)";
        }
        String text = cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > 1900 ? text.substring(0, 1900) : text;
    }
}

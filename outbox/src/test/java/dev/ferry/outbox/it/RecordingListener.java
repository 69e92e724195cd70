package dev.ferry.outbox.it;

import dev.ferry.outbox.inprocess.MessageListener;
import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Records what an in-process publisher delivered, in delivery order; can be told to refuse some
 * messages, or to find the "broker" unavailable for some.
 */
final class RecordingListener implements MessageListener {

    private final List<OutgoingMessage> received = new ArrayList<>();
    private volatile Predicate<OutgoingMessage> failWhen = m -> false;
    private volatile Predicate<OutgoingMessage> unavailableWhen = m -> false;

    void failWhen(Predicate<OutgoingMessage> condition) {
        this.failWhen = condition;
    }

    void unavailableWhen(Predicate<OutgoingMessage> condition) {
        this.unavailableWhen = condition;
    }

    @Override
    public void onMessage(OutgoingMessage message) throws BrokerUnavailableException {
        if (unavailableWhen.test(message)) {
            throw new BrokerUnavailableException("the test broker is down for key " + message.key(), null);
        }
        if (failWhen.test(message)) {
            throw new IllegalStateException("refused by the test for key " + message.key());
        }
        synchronized (received) {
            received.add(message);
        }
    }

    List<OutgoingMessage> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** @return the messages received more than once */
    Set<String> duplicates() {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new HashSet<>();
        for (OutgoingMessage m : received()) {
            if (!seen.add(m.id().toString())) {
                dup.add(m.id().toString());
            }
        }
        return dup;
    }

    /** @return the keys whose first deliveries are not in write order, with the offending sequences */
    Map<String, String> orderViolations() {
        Map<String, Long> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> violations = new HashMap<>();
        for (OutgoingMessage m : received()) {
            if (m.key() == null || !seen.add(m.id().toString())) {
                continue;
            }
            Long prev = last.put(m.key(), m.sequence());
            if (prev != null && prev > m.sequence()) {
                violations.put(m.key(), prev + " before " + m.sequence());
            }
        }
        return violations;
    }
}

package dev.ferry.outbox.publish;

import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.DeliveryReport;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a batch in rounds so that a key never has more than one unconfirmed message at the
 * broker: round {@code n} holds the {@code n}-th message of every key (messages without a key all
 * go in the first round). Within a round every message is sent at once and the confirmations are
 * awaited together, so different keys are pipelined; a message is only sent after the previous
 * message of its key was confirmed, and never once that one failed.
 *
 * <p>That is what keeps a key's order whatever the broker does with a failed send: a later message
 * cannot be accepted while an earlier one of its key is refused or lost and retried after it.
 */
public final class KeyRounds {

    /** Sends one message; reports its outcome to {@code confirmations}, now or from a broker thread. */
    @FunctionalInterface
    public interface Sender {
        /**
         * @param message the message
         * @param confirmations where the broker's answer goes
         * @throws Exception fails this message (the round goes on with the others)
         */
        void send(OutgoingMessage message, Confirmations confirmations) throws Exception;
    }

    private KeyRounds() {
    }

    /**
     * @param batch messages in write order
     * @return the rounds, each in write order
     */
    public static List<List<OutgoingMessage>> of(List<OutgoingMessage> batch) {
        List<List<OutgoingMessage>> rounds = new ArrayList<>();
        Map<String, Integer> sent = new HashMap<>();
        for (OutgoingMessage m : batch) {
            int round = m.key() == null ? 0 : sent.merge(m.key(), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(m);
        }
        return rounds;
    }

    /**
     * Publishes a batch round by round.
     *
     * @param batch messages in write order
     * @param report where outcomes go
     * @param timeout how long to wait for a round's confirmations; what is not confirmed by then fails
     * @param broker names the broker in error messages
     * @param sender sends one message
     * @return whether every round was answered in time. After a round that was not, the later rounds
     *     are not sent (their messages fail with a {@link BrokerUnavailableException}, or stay
     *     unreported behind a failed message of their key), and the caller should not reuse the
     *     channel it sent on: answers may still be on their way. A round the broker answered nothing
     *     of in time fails with a {@link BrokerUnavailableException} too (see {@link Confirmations}).
     */
    public static boolean publish(List<OutgoingMessage> batch, DeliveryReport report, Duration timeout, String broker,
                                  Sender sender) {
        List<List<OutgoingMessage>> rounds = of(batch);
        for (int r = 0; r < rounds.size(); r++) {
            Confirmations confirmations = new Confirmations(report, broker);
            for (OutgoingMessage m : rounds.get(r)) {
                if (report.keyFailed(m)) {
                    continue;
                }
                confirmations.expect(m);
                try {
                    sender.send(m, confirmations);
                } catch (Exception | LinkageError e) {
                    confirmations.failed(m, e);
                }
            }
            if (!confirmations.await(timeout)) {
                // The broker is slow or gone: stop here rather than wait a timeout per round, which
                // could outlast the relay's leaseDuration on the batch. A message never sent was not
                // refused, so it costs no attempt.
                BrokerUnavailableException notSent = new BrokerUnavailableException("Not sent: " + broker
                        + " did not confirm an earlier message of the batch within " + timeout.toMillis() + " ms",
                        null);
                for (List<OutgoingMessage> later : rounds.subList(r + 1, rounds.size())) {
                    for (OutgoingMessage m : later) {
                        if (!report.keyFailed(m)) {
                            report.failed(m, notSent);
                        }
                    }
                }
                return false;
            }
        }
        return true;
    }
}

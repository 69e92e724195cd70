package dev.ferry.outbox.it;

import dev.ferry.outbox.relay.OutboxRelay;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What relays log while a test runs. The relay logs through {@code System.Logger}, which without
 * another logging provider on the class path is {@code java.util.logging}; this attaches a handler
 * to the relay's logger, and fails at once if the relay's lines do not reach it.
 */
final class RelayLog implements AutoCloseable {

    /** Held, so that java.util.logging keeps this logger (and its handler) for the relay to use. */
    private final Logger logger = Logger.getLogger(OutboxRelay.class.getName());
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    RelayLog() {
        logger.addHandler(handler);
        System.getLogger(OutboxRelay.class.getName()).log(System.Logger.Level.INFO, "RelayLog: capturing relay lines");
        if (lines("RelayLog: capturing").isEmpty()) {
            close();
            throw new AssertionError("The relay's System.Logger does not write to java.util.logging (provider: "
                    + System.LoggerFinder.getLoggerFinder().getClass().getName() + "); RelayLog cannot read its lines");
        }
    }

    /** @return the captured lines containing {@code text}, each as "LEVEL message" */
    List<String> lines(String text) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains(text)).toList();
        }
    }

    /** @return how many lines of the relay {@code relayId} contain {@code text} */
    int count(String relayId, String text) {
        return (int) lines(text).stream().filter(l -> l.contains("Relay " + relayId + ": ")).count();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

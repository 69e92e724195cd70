package dev.ferry.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Ferry logs (every logger under {@code dev.ferry}) while a test runs, each line as
 * "LEVEL logger: message". Ferry logs through {@code System.Logger}, which without another logging
 * provider is {@code java.util.logging}; this fails at once if Ferry's lines do not reach it.
 */
public final class FerryLog implements AutoCloseable {

    /** Held, so that java.util.logging keeps this logger (and its handler). */
    private final Logger logger = Logger.getLogger("dev.ferry");
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing. */
    public FerryLog() {
        logger.addHandler(handler);
        System.getLogger("dev.ferry.testing").log(System.Logger.Level.INFO, "FerryLog: capturing");
        if (matching(l -> l.contains("FerryLog: capturing")).isEmpty()) {
            close();
            throw new AssertionError("Ferry's System.Logger does not write to java.util.logging (provider: "
                    + System.LoggerFinder.getLoggerFinder().getClass().getName() + ")");
        }
    }

    /** @return the lines so far that match */
    public List<String> matching(Predicate<String> filter) {
        synchronized (lines) {
            return lines.stream().filter(filter).toList();
        }
    }

    /** @return how many lines there are so far (a mark for {@link #since}) */
    public int size() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** @return the lines logged after {@code mark} (a {@link #size()}) */
    public List<String> since(int mark) {
        synchronized (lines) {
            return List.copyOf(lines.subList(mark, lines.size()));
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

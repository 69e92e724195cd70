package dev.ferry.outbox.relay;

import dev.ferry.outbox.spi.BrokerUnavailableException;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls the publisher on a thread of its own and waits for it at most the publish timeout, so that
 * a publisher that hangs cannot hold a batch, and its rows, for longer. Past the timeout the call
 * is interrupted and abandoned: the messages it did not report fail ("not confirmed", an attempt
 * counted), and what it reports later is ignored. A relay thread interrupted meanwhile (the engine
 * stops) interrupts the call and fails what it did not report as an outage, which costs no
 * attempt. Thread-safe: each relay thread calls {@link #publish} with a batch of its own.
 */
final class TimedPublish {

    /** Idle call threads end after this long; a relay that keeps publishing keeps reusing them. */
    private static final long KEEP_ALIVE_SECONDS = 5;

    private final MessagePublisher publisher;
    private final Duration timeout;
    /** The call threads; made again after {@link #close()} if the relay runs again. */
    private final RestartableExecutor calls;

    TimedPublish(MessagePublisher publisher, Duration timeout, ThreadFactory threadFactory, String relayId) {
        this.publisher = publisher;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = threadFactory.newThread(r);
            // Not "ferry-relay-…": those names are the relay's own threads.
            t.setName("ferry-publish-" + relayId + "-" + count.incrementAndGet());
            return t;
        };
        this.calls = new RestartableExecutor(() -> new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS, new SynchronousQueue<>(), threads));
    }

    /**
     * Ends the idle call threads now instead of after their keep-alive (an undeployed application
     * leaves none behind), waiting up to a second for a call still running; the next
     * {@link #publish} makes new ones.
     */
    void close() {
        calls.close();
    }

    /**
     * Publishes a batch and returns once the publisher returned, or the timeout passed; either way
     * the report is complete afterwards.
     *
     * @param messages the batch, as the publisher sees it
     * @param report collects the publisher's reports
     */
    void publish(List<OutgoingMessage> messages, BatchReport report) {
        Future<?> call = calls.get().submit(() -> {
            publisher.publish(messages, report);
            return null;
        });
        try {
            call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error && !(cause instanceof LinkageError)) {
                throw (Error) cause;
            }
            report.failUnreported(cause);
        } catch (TimeoutException e) {
            call.cancel(true);
            report.close(new TimeoutException("the publisher did not return within publishTimeout (" + timeout
                    + "); the call was interrupted and abandoned"));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            report.close(new BrokerUnavailableException("the relay was interrupted (stopping) while publishing", e));
        }
    }
}

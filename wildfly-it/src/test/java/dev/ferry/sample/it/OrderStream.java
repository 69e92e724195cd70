package dev.ferry.sample.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places orders on the sample from several client threads, from construction until {@link #stop()} (or a limit),
 * while the test crashes or cuts something; keeps what the server acknowledged and counts what failed. Every
 * tenth order asks for its payment to fail, so its saga compensates.
 */
public final class OrderStream implements AutoCloseable {

    /**
     * An acknowledged order (HTTP 201): the server said it committed.
     *
     * @param orderId the order
     * @param sagaId its saga
     * @param failPayment whether its payment step fails for good (the saga compensates)
     */
    public record Placed(String orderId, String sagaId, boolean failPayment) {
    }

    private final SampleClient client;
    private final ExecutorService senders;
    private final Queue<Placed> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * Starts sending.
     *
     * @param baseUrl the sample's root URL
     * @param threads client threads
     * @param limit orders to send at most
     */
    public OrderStream(String baseUrl, int threads, int limit) {
        this.client = new SampleClient(baseUrl);
        this.senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> send(limit));
        }
    }

    /**
     * Starts sending, with no limit.
     *
     * @param baseUrl the sample's root URL
     * @param threads client threads
     */
    public OrderStream(String baseUrl, int threads) {
        this(baseUrl, threads, Integer.MAX_VALUE);
    }

    private void send(int limit) {
        while (!stopping) {
            int i = next.getAndIncrement();
            if (i >= limit) {
                return;
            }
            boolean failPayment = i % 10 == 9;
            String json = "{\"customer\":\"burst-" + i + "\",\"totalCents\":" + (100 + i) + ",\"failPayment\":"
                    + failPayment + "}";
            try {
                SampleClient.Reply reply = client.placeOrder(json);
                if (reply.status() == 201) {
                    acknowledged.add(new Placed(reply.text("id"), reply.text("sagaId"), failPayment));
                } else {
                    failed("HTTP " + reply.status() + ": " + reply.body());
                }
            } catch (IOException e) {
                failed(e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void failed(String error) {
        if (failures.incrementAndGet() <= 10) {
            errors.add(error);
        }
        if (!stopping) {
            try {
                Thread.sleep(100); // the server is down or refusing: do not spin
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until at least {@code n} orders were acknowledged.
     *
     * @param n how many
     * @param timeout how long at most
     * @throws InterruptedException if interrupted
     */
    public void awaitAcknowledged(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + n + " orders acknowledged in "
                        + timeout.toSeconds() + " s; " + failures.get() + " failed, first: " + errors());
            }
            Thread.sleep(50);
        }
    }

    /** @return the orders acknowledged so far */
    public List<Placed> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    /** @return requests that failed (refused, or cut) so far */
    public int failures() {
        return failures.get();
    }

    /** @return the first failures' descriptions */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** @return requests sent so far */
    public int sent() {
        return next.get();
    }

    /**
     * Stops sending and waits for the requests in flight to end.
     *
     * @throws InterruptedException if interrupted
     */
    public void stop() throws InterruptedException {
        stopping = true;
        senders.shutdown();
        if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
            senders.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Waits until the sample answers its health check.
     *
     * @param baseUrl the sample's root URL
     * @param timeout how long at most
     * @param alive whether the server still runs (checked while waiting)
     * @throws InterruptedException if interrupted
     */
    public static void awaitUp(String baseUrl, Duration timeout, java.util.function.BooleanSupplier alive)
            throws InterruptedException {
        SampleClient client = new SampleClient(baseUrl);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.isUp()) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError("the server exited before the sample answered at " + baseUrl);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sample at " + baseUrl + " is not up after " + timeout.toSeconds()
                        + " s");
            }
            Thread.sleep(100);
        }
    }
}

package dev.ferry.sample.it;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places orders on the sample from several client threads and crashes the server in the middle: once
 * {@code crashAfter} orders were acknowledged, the crash runs and the senders stop. Every tenth order asks for its
 * payment to fail, so its saga compensates.
 */
public final class OrderBurst {

    /** An acknowledged order (HTTP 201): the server said it committed. */
    public record Placed(String orderId, String sagaId, boolean failPayment) {
    }

    /**
     * What the burst left.
     *
     * @param acknowledged orders the server acknowledged before the crash
     * @param sent requests sent (acknowledged, refused, or cut by the crash)
     * @param errors failures before the crash (none expected)
     */
    public record Result(List<Placed> acknowledged, int sent, List<String> errors) {
    }

    /** Crashes the server. */
    @FunctionalInterface
    public interface Crash {
        /**
         * @throws Exception if it cannot
         */
        void run() throws Exception;
    }

    private final SampleClient client;
    private final int threads;

    /**
     * @param baseUrl the sample's root URL
     * @param threads client threads
     */
    public OrderBurst(String baseUrl, int threads) {
        this.client = new SampleClient(baseUrl);
        this.threads = threads;
    }

    /** @return whether the sample answers its health check */
    public boolean isUp() {
        return client.isUp();
    }

    /**
     * @param total orders to send at most
     * @param crashAfter acknowledged orders after which {@code crash} runs
     * @param crash kills the server
     * @return the acknowledged orders
     * @throws Exception if fewer than {@code crashAfter} orders were acknowledged in two minutes (the crash did not
     *     run then), or the crash failed
     */
    public Result fire(int total, int crashAfter, Crash crash) throws Exception {
        Queue<Placed> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean crashing = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(crashAfter);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> {
                while (!crashing.get()) {
                    int i = next.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    boolean failPayment = i % 10 == 9;
                    String json = "{\"customer\":\"burst-" + i + "\",\"totalCents\":" + (100 + i)
                            + ",\"failPayment\":" + failPayment + "}";
                    try {
                        SampleClient.Reply reply = client.placeOrder(json);
                        if (reply.status() == 201) {
                            acknowledged.add(new Placed(reply.text("id"), reply.text("sagaId"), failPayment));
                            enough.countDown();
                        } else if (!crashing.get()) {
                            errors.add("HTTP " + reply.status() + ": " + reply.body());
                        }
                    } catch (IOException e) {
                        if (!crashing.get()) {
                            errors.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        boolean reached = enough.await(2, TimeUnit.MINUTES);
        crashing.set(true);
        try {
            if (reached) {
                crash.run();
            }
        } finally {
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
        }
        if (!reached) {
            throw new AssertionError("only " + acknowledged.size() + " of " + crashAfter + " orders acknowledged in 2"
                    + " minutes; errors: " + errors.stream().limit(5).toList());
        }
        return new Result(List.copyOf(acknowledged), Math.min(next.get(), total), List.copyOf(errors));
    }

    /**
     * Waits until the sample answers again after a restart.
     *
     * @param timeout how long at most
     * @throws InterruptedException if interrupted
     */
    public void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.isUp()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sample is not up " + timeout.toSeconds() + " s after the restart");
            }
            Thread.sleep(100);
        }
    }
}

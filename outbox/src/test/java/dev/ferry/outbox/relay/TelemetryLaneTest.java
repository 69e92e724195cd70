package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The relay's telemetry lane: its own thread, the relay thread's when full, nothing lost at close. */
class TelemetryLaneTest {

    @Test
    void runsWorkOnItsOwnNamedThreadInOrder() throws Exception {
        TelemetryLane lane = new TelemetryLane(Thread::new, "r1");
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            int n = i;
            lane.run(() -> {
                ran.add(n + "@" + Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("0@ferry-telemetry-r1", "1@ferry-telemetry-r1", "2@ferry-telemetry-r1"), ran);
        lane.close();
    }

    @Test
    void whenFullTheCallerDoesTheWorkAndCloseDoesWhatWaits() throws Exception {
        TelemetryLane lane = new TelemetryLane(Thread::new, "r2");
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        lane.run(() -> {
            blocked.countDown();
            await(release);
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "the lane's thread took the first piece of work");
        AtomicInteger queuedRan = new AtomicInteger();
        for (int i = 0; i < TelemetryLane.QUEUED; i++) {
            lane.run(queuedRan::incrementAndGet);
        }
        Thread[] ranOn = new Thread[1];
        lane.run(() -> ranOn[0] = Thread.currentThread());
        assertSame(Thread.currentThread(), ranOn[0], "a full lane hands the work back to the caller");
        assertEquals(0, queuedRan.get());

        release.countDown();
        lane.close();
        assertEquals(TelemetryLane.QUEUED, queuedRan.get(), "close does the work that waited");

        CountDownLatch again = new CountDownLatch(1);
        Thread[] laterOn = new Thread[1];
        lane.run(() -> {
            laterOn[0] = Thread.currentThread();
            again.countDown();
        });
        assertTrue(again.await(10, TimeUnit.SECONDS), "a closed lane runs again with a new thread");
        assertNotSame(Thread.currentThread(), laterOn[0]);
        lane.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

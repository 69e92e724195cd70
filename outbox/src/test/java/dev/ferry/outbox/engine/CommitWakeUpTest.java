package dev.ferry.outbox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.testing.Await;
import dev.ferry.runtime.wake.CrossNodeWakeUps;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a commit tells the other nodes' relays, without a database: a real loop, announcements counted. */
class CommitWakeUpTest {

    private final AtomicInteger announced = new AtomicInteger();
    private final CrossNodeWakeUps counting = new CrossNodeWakeUps() {
        @Override
        public void announce() {
            announced.incrementAndGet();
        }

        @Override
        public void listen(Runnable wake) {
        }

        @Override
        public void stopListening() {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void withNoRelayRunningHereTheOtherNodesAreTold() {
        PollingLoop loop = new PollingLoop("test", Thread::new, 1, Duration.ofSeconds(30), () -> false);
        new CommitWakeUp(loop, counting).run();
        assertEquals(1, announced.get());
    }

    @Test
    void anIdleRelayThreadHereIsEnough() {
        AtomicInteger rounds = new AtomicInteger();
        PollingLoop loop = new PollingLoop("test", Thread::new, 1, Duration.ofSeconds(30), () -> {
            rounds.incrementAndGet();
            return false;
        });
        loop.start();
        try {
            Await.until(Duration.ofSeconds(5), "the relay thread idle", loop::hasIdleThread);
            new CommitWakeUp(loop, counting).run();
            assertEquals(0, announced.get(), "nothing sent to other nodes");
            Await.until(Duration.ofSeconds(5), "the local relay woken", () -> rounds.get() == 2);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void whenEveryRelayThreadHereIsBusyTheOtherNodesAreTold() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PollingLoop loop = new PollingLoop("test", Thread::new, 1, Duration.ofSeconds(30), () -> {
            busy.countDown();
            release.await();
            return false;
        });
        loop.start();
        try {
            busy.await();
            new CommitWakeUp(loop, counting).run();
            assertEquals(1, announced.get());
        } finally {
            release.countDown();
            loop.stop(Duration.ofSeconds(5));
        }
    }
}

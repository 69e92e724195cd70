package dev.ferry.outbox.engine;

import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.wake.LocalWork;

/** This JVM's relay loop, as the cross-node notifier asks about it before it tells other JVMs. */
final class LocalRelay implements LocalWork {

    private final PollingLoop relayLoop;

    LocalRelay(PollingLoop relayLoop) {
        this.relayLoop = relayLoop;
    }

    @Override
    public boolean running() {
        return relayLoop.isRunning();
    }

    @Override
    public boolean roundBeganSince(long nanoTime) {
        return relayLoop.roundBeganSince(nanoTime);
    }
}

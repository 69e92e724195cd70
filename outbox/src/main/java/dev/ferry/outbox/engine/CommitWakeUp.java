package dev.ferry.outbox.engine;

import dev.ferry.runtime.loop.PollingLoop;
import dev.ferry.runtime.wake.CrossNodeWakeUps;

/**
 * What runs after a transaction that wrote messages committed (and after an operator's replay):
 * wakes this JVM's relay, and tells the other JVMs' relays only when that helps, that is when none
 * of this JVM's relay threads waits idle. An idle thread claims the messages at once; without one
 * (the relay is not running here, or all its threads are busy with batches) a relay elsewhere may
 * publish them first. The announcements themselves are coalesced, and dropped when this JVM's relay
 * begins a round within moments ({@link CrossNodeWakeUps#announce()}).
 */
final class CommitWakeUp implements Runnable {

    private final PollingLoop relayLoop;
    private final CrossNodeWakeUps otherNodes;

    CommitWakeUp(PollingLoop relayLoop, CrossNodeWakeUps otherNodes) {
        this.relayLoop = relayLoop;
        this.otherNodes = otherNodes;
    }

    @Override
    public void run() {
        boolean idleHere = relayLoop.hasIdleThread();
        relayLoop.wake();
        if (!idleHere) {
            otherNodes.announce();
        }
    }
}

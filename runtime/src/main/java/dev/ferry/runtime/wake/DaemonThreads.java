package dev.ferry.runtime.wake;

import java.util.concurrent.ThreadFactory;

/** The wake-ups' background threads: daemons where the factory allows, never waited for long. */
final class DaemonThreads {

    /** The longest a stop waits for a thread to end: it must never hold up a relay's stop. */
    private static final long JOIN_MILLIS = 1_000;

    private DaemonThreads() {
    }

    /**
     * @return a started thread of the factory's, named, a daemon unless the factory's threads cannot be
     */
    static Thread start(ThreadFactory factory, Runnable work, String name) {
        Thread t = factory.newThread(work);
        t.setName(name);
        try {
            t.setDaemon(true);
        } catch (SecurityException | IllegalThreadStateException e) {
            // a container's managed thread stays as the container made it
        }
        t.start();
        return t;
    }

    /** Waits up to a second for the thread (if any) to end. */
    static void joinBriefly(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

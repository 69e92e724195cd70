package dev.ferry.runtime.wake;

/**
 * This JVM's own relay, as the notifier sees it before it tells the other JVMs: work this JVM's relay
 * is about to take needs no notification.
 */
public interface LocalWork {

    /** Work that does not run here (a JVM that only writes): every announcement is sent. */
    LocalWork NONE = new LocalWork() {
        @Override
        public boolean running() {
            return false;
        }

        @Override
        public boolean roundBeganSince(long nanoTime) {
            return false;
        }
    };

    /** @return whether this JVM's relay runs */
    boolean running();

    /**
     * @param nanoTime a {@link System#nanoTime()}
     * @return whether a round of this JVM's relay began at or after that time, and so finds what was
     *     committed before it
     */
    boolean roundBeganSince(long nanoTime);
}

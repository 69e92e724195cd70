package dev.ferry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Threads that run one body each, started together; {@link #join()} waits for all of them and
 * rethrows the first failure, so that a figure never reports a rate from a run that failed.
 */
final class Workers {

    /** What each thread runs. */
    @FunctionalInterface
    interface Body {
        /**
         * @param index the thread's number, from 0
         * @param failed true once another thread failed: a loop should stop
         * @throws Exception ends this thread and fails the run
         */
        void run(int index, BooleanSupplier failed) throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private Workers() {
    }

    /**
     * @param name the threads' name prefix
     * @param count how many threads
     * @param body what each runs
     * @return the started threads
     */
    static Workers start(String name, int count, Body body) {
        Workers w = new Workers();
        BooleanSupplier failed = () -> w.failure.get() != null;
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread th = new Thread(() -> {
                try {
                    body.run(index, failed);
                } catch (Exception e) {
                    w.failure.compareAndSet(null, e);
                }
            }, name + "-" + (i + 1));
            w.threads.add(th);
        }
        w.threads.forEach(Thread::start);
        return w;
    }

    /**
     * Waits for every thread to end.
     *
     * @throws Exception the first failure of a thread
     */
    void join() throws Exception {
        for (Thread th : threads) {
            th.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}

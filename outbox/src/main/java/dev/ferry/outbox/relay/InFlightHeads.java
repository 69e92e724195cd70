package dev.ferry.outbox.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The heads this relay's threads hold in batches not yet committed, as the range from each batch's
 * first head to its last, so that a claim by another thread of the relay can pass over them without
 * reading them: without this, a second thread's claim head-tests every row of the first thread's
 * batch, then tries to lock it and skips it, which doubles the database's work per claim.
 *
 * <p>Passing over a range is never wrong, only a delay: the rows in it that the batch does not hold
 * (not yet heads when it was claimed, or held by another relay) are found by the next claim after
 * the batch ends. Order per key does not depend on it (whether an earlier message of the key is
 * waiting is always asked of the whole table). Thread-safe.
 */
final class InFlightHeads {

    /** A range no sequence number lies in. */
    private static final long[] EMPTY = {Long.MAX_VALUE, Long.MIN_VALUE};

    private final int ranges;
    private final Set<Hold> holds = ConcurrentHashMap.newKeySet();

    /**
     * @param ranges how many ranges of other batches a claim passes over (the relay's threads - 1;
     *     0 for none)
     */
    InFlightHeads(int ranges) {
        this.ranges = ranges;
    }

    /** @return how many ranges a claim passes over, each two parameters of its statement */
    int ranges() {
        return ranges;
    }

    /** @return a new hold for one claim, holding nothing until {@link Hold#heads} */
    Hold hold() {
        Hold h = new Hold();
        holds.add(h);
        return h;
    }

    /**
     * @param self the claim's own hold
     * @return {@link #ranges()} pairs (first, last) of the heads of other batches in flight, the
     *     pairs for which there is no batch being empty ranges
     */
    long[] others(Hold self) {
        long[] result = new long[2 * ranges];
        int i = 0;
        for (Hold h : holds) {
            if (i == result.length) {
                break;
            }
            long first = h.first;
            long last = h.last;
            if (h != self && first <= last) {
                result[i++] = first;
                result[i++] = last;
            }
        }
        while (i < result.length) {
            result[i++] = EMPTY[0];
            result[i++] = EMPTY[1];
        }
        return result;
    }

    /** One claim's place among the batches in flight; closed when its transaction has ended. */
    final class Hold implements AutoCloseable {
        private volatile long first = EMPTY[0];
        private volatile long last = EMPTY[1];

        private Hold() {
        }

        /** Records the first and last head the claim locked. */
        void heads(long firstSeq, long lastSeq) {
            this.last = lastSeq;
            this.first = firstSeq;
        }

        @Override
        public void close() {
            holds.remove(this);
        }
    }
}

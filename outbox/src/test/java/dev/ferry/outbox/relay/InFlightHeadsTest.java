package dev.ferry.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightHeadsTest {

    private static final long[] NONE = {Long.MAX_VALUE, Long.MIN_VALUE};

    @Test
    void aClaimPassesOverTheHeadsOfTheOtherBatchesInFlightOnly() {
        InFlightHeads inFlight = new InFlightHeads(1);
        InFlightHeads.Hold a = inFlight.hold();
        InFlightHeads.Hold b = inFlight.hold();
        assertArrayEquals(NONE, inFlight.others(b), "a has locked nothing yet");
        a.heads(100, 599);
        assertArrayEquals(new long[] {100, 599}, inFlight.others(b));
        b.heads(600, 1099);
        assertArrayEquals(new long[] {100, 599}, inFlight.others(b), "not its own batch");
        a.close();
        assertArrayEquals(NONE, inFlight.others(b), "a's transaction ended: its range is free");
    }

    @Test
    void unusedRangesAreEmptyAndExtraBatchesAreNotPassedOver() {
        InFlightHeads inFlight = new InFlightHeads(2);
        InFlightHeads.Hold self = inFlight.hold();
        assertArrayEquals(new long[] {NONE[0], NONE[1], NONE[0], NONE[1]}, inFlight.others(self));
        inFlight.hold().heads(1, 5);
        inFlight.hold().heads(6, 9);
        inFlight.hold().heads(10, 12); // a fourth claim at once (relayOnce called beside the threads)
        long[] passed = inFlight.others(self);
        assertEquals(4, passed.length, "two ranges, however many batches are in flight");
        assertTrue(passed[0] <= passed[1] && passed[2] <= passed[3] && passed[0] != passed[2], "two of the batches");
    }

    @Test
    void aRelayWithOneThreadPassesOverNothing() {
        InFlightHeads inFlight = new InFlightHeads(0);
        inFlight.hold().heads(1, 5);
        assertArrayEquals(new long[0], inFlight.others(inFlight.hold()));
    }
}

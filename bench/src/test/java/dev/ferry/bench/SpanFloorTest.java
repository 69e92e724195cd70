package dev.ferry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Figure 7's bound does the SDK's work for every message it counts, and none of it is dropped. */
class SpanFloorTest {

    @Test
    void everyMessageIsAProducerSpanWithItsParentExportedAndItsCpuIsCounted() {
        try (TracingOverhead.DroppingSdk sdk = new TracingOverhead.DroppingSdk()) {
            double nanos = new SpanFloor(sdk).cpuNanosPerMessage(SpanFloor.BATCH + 1);

            long spans = (SpanFloor.ROUNDS + 1) * 2L * SpanFloor.BATCH; // rounded up to two batches, one discarded
            assertEquals(spans, sdk.spans.get(), "every span exported, none dropped");
            assertEquals(spans, sdk.withParent.get(), "every span a child of its message's stored traceparent");
            assertTrue(nanos > 0 && nanos < 1_000_000, "CPU per message: " + nanos + " ns");
        }
    }
}

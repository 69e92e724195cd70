package dev.ferry.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay's direct read of a plain {@code traceparent} against OpenTelemetry's W3C propagator. */
class PlainTraceparentTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    @Test
    void readsWhatThePropagatorReadsOrLeavesTheHeaderToIt() {
        List<String> headers = List.of(
                "00-" + TRACE + "-" + SPAN + "-01",
                "00-" + TRACE + "-" + SPAN + "-00",
                "00-" + TRACE + "-" + SPAN + "-ff",
                "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01",
                "00-" + "0".repeat(32) + "-" + SPAN + "-01",
                "00-" + TRACE + "-" + "0".repeat(16) + "-01",
                "00-" + TRACE + "-" + SPAN + "-0g",
                "00-" + TRACE + "-" + SPAN + "-0A",
                "00_" + TRACE + "-" + SPAN + "-01",
                "00-" + TRACE + "_" + SPAN + "-01",
                "00-" + TRACE + "-" + SPAN + "_01",
                "01-" + TRACE + "-" + SPAN + "-01",
                "ff-" + TRACE + "-" + SPAN + "-01",
                "01-" + TRACE + "-" + SPAN + "-01-extra",
                "00-" + TRACE + "-" + SPAN + "-01-extra",
                "00-" + TRACE + "-" + SPAN + "-1",
                "");
        for (String header : headers) {
            SpanContext propagator = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of(Telemetry.TRACEPARENT, header), Getter.INSTANCE)).getSpanContext();
            SpanContext direct = PlainTraceparent.read(header);
            if (direct == null) {
                continue; // left to the propagator
            }
            assertEquals(propagator.isValid(), direct.isValid(), header);
            if (propagator.isValid()) {
                assertEquals(propagator, direct, header);
            }
        }
    }

    @Test
    void readsThePlainFormAndLeavesOtherVersionsToThePropagator() {
        SpanContext read = PlainTraceparent.read("00-" + TRACE + "-" + SPAN + "-01");
        assertTrue(read.isValid());
        assertTrue(read.isRemote());
        assertTrue(read.isSampled());
        assertEquals(TRACE, read.getTraceId());
        assertEquals(SPAN, read.getSpanId());
        assertFalse(PlainTraceparent.read("00-" + TRACE.toUpperCase() + "-" + SPAN + "-01").isValid());
        assertNull(PlainTraceparent.read("01-" + TRACE + "-" + SPAN + "-01"));
        assertNull(PlainTraceparent.read("00-" + TRACE + "-" + SPAN + "-01-extra"));
        assertNull(PlainTraceparent.read("00-" + TRACE + "-" + SPAN + "-0A"));
    }

    /** Reads a map carrier. */
    private enum Getter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier.get(key);
        }
    }
}

package dev.ferry.runtime.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Reads the parent span context of a message's trace headers in their most common form, a version-00
 * {@code traceparent} without {@code tracestate}, as OpenTelemetry's W3C propagator reads it, but
 * without its carrier calls and version lookup: the relay starts a span under such a parent per
 * message. Any other form is left to the propagator ({@link #read} answers null), so what is
 * accepted or refused is unchanged.
 */
final class PlainTraceparent {

    /** {@code 00-} + 32 hex digits + {@code -} + 16 hex digits + {@code -} + 2 hex digits. */
    static final int LENGTH = 55;
    private static final int TRACE_ID = 3;
    private static final int SPAN_ID = 36;
    private static final int FLAGS = 53;

    private PlainTraceparent() {
    }

    /**
     * @param traceparent a {@code traceparent} header, not null
     * @return its span context (invalid when its ids are, as the propagator's would be), or null when
     *     it is not a version-00 header of the plain form
     */
    static SpanContext read(String traceparent) {
        if (traceparent.length() != LENGTH || traceparent.charAt(0) != '0' || traceparent.charAt(1) != '0'
                || traceparent.charAt(TRACE_ID - 1) != '-' || traceparent.charAt(SPAN_ID - 1) != '-'
                || traceparent.charAt(FLAGS - 1) != '-') {
            return null;
        }
        int high = hexDigit(traceparent.charAt(FLAGS));
        int low = hexDigit(traceparent.charAt(FLAGS + 1));
        if (high < 0 || low < 0) {
            return null;
        }
        // createFromRemoteParent checks the ids (lowercase hex, not all zero) as the propagator does.
        return SpanContext.createFromRemoteParent(traceparent.substring(TRACE_ID, SPAN_ID - 1),
                traceparent.substring(SPAN_ID, FLAGS - 1), TraceFlags.fromByte((byte) (high << 4 | low)),
                TraceState.getDefault());
    }

    /** @return the value of a lowercase hex digit, or -1 */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}

package dev.ferry.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The headers a traced message carries onward ({@link Telemetry.Span#withContext}) against what
 * OpenTelemetry's own W3C propagator writes for the same span, and attributes set through resolved
 * keys against those set by name.
 */
class OtelSpanContextTest {

    private final List<SpanData> ended = new ArrayList<>();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build()).build();
    private final Telemetry telemetry = Telemetry.of(sdk);

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void traceContextOnlyIsReplacedByTheSpansAsThePropagatorWritesIt() {
        Map<String, String> parent = parentHeaders(null);
        Telemetry.Span span = telemetry.startSpan("publish t", Telemetry.SpanKind.PRODUCER, parent);

        Map<String, String> onward = span.withContext(parent);

        assertEquals(propagatorHeaders(span), onward);
        assertNotEquals(parent.get(Telemetry.TRACEPARENT), onward.get(Telemetry.TRACEPARENT));
        assertEquals(parent.get(Telemetry.TRACEPARENT).substring(3, 35),
                onward.get(Telemetry.TRACEPARENT).substring(3, 35), "same trace");
        assertThrows(UnsupportedOperationException.class, () -> onward.put("x", "y"));
        span.end();
    }

    @Test
    void otherHeadersAreKeptAndTheParentsTraceStateFollowsTheTrace() {
        Map<String, String> parent = new HashMap<>(parentHeaders("vendor=abc"));
        parent.put("x-tenant", "acme");
        Map<String, String> before = Map.copyOf(parent);
        Telemetry.Span span = telemetry.startSpan("publish t", Telemetry.SpanKind.PRODUCER, parent);

        Map<String, String> onward = span.withContext(parent);

        Map<String, String> expected = new HashMap<>(propagatorHeaders(span));
        expected.put("x-tenant", "acme");
        assertEquals(expected, onward);
        assertEquals("vendor=abc", onward.get(Telemetry.TRACESTATE));
        assertEquals(before, parent, "the message's own headers are not changed");
        span.end();
    }

    @Test
    void aMessageWithoutParentStartsItsOwnTrace() {
        Telemetry.Span span = telemetry.startSpan("publish t", Telemetry.SpanKind.PRODUCER, Map.of());

        Map<String, String> onward = span.withContext(Map.of());

        assertEquals(propagatorHeaders(span), onward);
        assertFalse(onward.get(Telemetry.TRACEPARENT).isEmpty());
        span.end();
    }

    @Test
    void resolvedKeysSetTheSameAttributesAsNames() {
        Telemetry.Key id = telemetry.key("messaging.message.id");
        Telemetry.Key attempt = telemetry.key("ferry.attempt");
        telemetry.startSpan("a", Telemetry.SpanKind.PRODUCER, null).attribute(id, "m-1").attribute(attempt, 2)
                .attribute(id, (String) null).end();
        telemetry.startSpan("b", Telemetry.SpanKind.PRODUCER, null).attribute("messaging.message.id", "m-1")
                .attribute("ferry.attempt", 2).end();

        assertEquals(2, ended.size());
        assertEquals(ended.get(1).getAttributes(), ended.get(0).getAttributes());
        assertEquals(2, ended.get(0).getAttributes().size());
    }

    @Test
    void keysOfNoTelemetrySetNothing() {
        Telemetry none = Telemetry.none();
        Telemetry.Span span = none.startSpan("a", Telemetry.SpanKind.PRODUCER, null)
                .attribute(none.key("k"), "v");
        Map<String, String> headers = Map.of("x", "y");
        assertEquals(headers, span.withContext(headers));
        assertThrows(NullPointerException.class, () -> none.key(null));
    }

    private Map<String, String> parentHeaders(String traceState) {
        io.opentelemetry.api.trace.Span request = sdk.getTracer("test").spanBuilder("request").startSpan();
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(request), headers, Map::put);
        request.end();
        if (traceState != null) {
            headers.put(Telemetry.TRACESTATE, traceState);
        }
        return Map.copyOf(headers);
    }

    /** What the W3C propagator writes for {@code span}. */
    private static Map<String, String> propagatorHeaders(Telemetry.Span span) {
        Map<String, String> headers = new HashMap<>();
        span.writeContext(headers);
        return headers;
    }
}

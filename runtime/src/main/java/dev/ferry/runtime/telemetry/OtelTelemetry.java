package dev.ferry.runtime.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Telemetry} over the OpenTelemetry API: the only class of Ferry that names OpenTelemetry's
 * types. Uses long-stable API only (present in 1.42, the version WildFly 35 ships): {@code Tracer},
 * {@code Meter} and the {@link W3CTraceContextPropagator}, so Ferry's trace headers are W3C whatever
 * propagators the application configured.
 */
final class OtelTelemetry implements Telemetry {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final Map<String, AttributeKey<String>> STRING_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, AttributeKey<Long>> LONG_KEYS = new ConcurrentHashMap<>();

    private final Tracer tracer;
    private final Meter meter;

    private OtelTelemetry(OpenTelemetry otel) {
        this.tracer = otel.getTracer(SCOPE);
        this.meter = otel.getMeter(SCOPE);
    }

    static Telemetry wrap(Object openTelemetry) {
        if (!(openTelemetry instanceof OpenTelemetry otel)) {
            throw new IllegalArgumentException("Expected an io.opentelemetry.api.OpenTelemetry, got "
                    + openTelemetry.getClass().getName());
        }
        return new OtelTelemetry(otel);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Map<String, String> currentContext() {
        return inject(Context.current());
    }

    private static Map<String, String> inject(Context context) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        W3C.inject(context, headers, SETTER);
        return headers;
    }

    @Override
    public Span startSpan(String name, SpanKind kind, Map<String, String> parent) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(switch (kind) {
            case PRODUCER -> io.opentelemetry.api.trace.SpanKind.PRODUCER;
            case CONSUMER -> io.opentelemetry.api.trace.SpanKind.CONSUMER;
            case INTERNAL -> io.opentelemetry.api.trace.SpanKind.INTERNAL;
        });
        Context remoteParent = parent == null ? null : remoteParent(parent);
        if (remoteParent != null) {
            builder.setParent(remoteParent);
        }
        return new OtelSpan(builder);
    }

    /** @return the span context the headers carry, or null when they carry no valid one */
    private static Context remoteParent(Map<String, String> headers) {
        String traceparent = headers.get(TRACEPARENT);
        if (traceparent == null) {
            return null;
        }
        SpanContext plain = headers.get(TRACESTATE) == null ? PlainTraceparent.read(traceparent) : null;
        if (plain != null) {
            return plain.isValid() ? Context.root().with(io.opentelemetry.api.trace.Span.wrap(plain)) : null;
        }
        Context extracted = W3C.extract(Context.root(), headers, GETTER);
        return io.opentelemetry.api.trace.Span.fromContext(extracted).getSpanContext().isValid() ? extracted : null;
    }

    @Override
    public Counter counter(String name, String description, String unit) {
        LongCounter counter = meter.counterBuilder(name).setDescription(description).setUnit(unit).build();
        return (value, attributes) -> counter.add(value, attributes(attributes));
    }

    @Override
    public Histogram histogram(String name, String description, String unit, List<Double> buckets) {
        DoubleHistogramBuilder builder = meter.histogramBuilder(name).setDescription(description).setUnit(unit);
        if (buckets != null) {
            try {
                builder.setExplicitBucketBoundariesAdvice(buckets);
            } catch (NoSuchMethodError olderApi) {
                // The server's OpenTelemetry API predates bucket advice (1.32; Payara 6 ships an older
                // one): the SDK's default buckets apply.
            }
        }
        DoubleHistogram histogram = builder.build();
        return new Histogram() {
            @Override
            public void record(double value, String... attributes) {
                histogram.record(value, attributes(attributes));
            }

            @Override
            public Recorder with(String... attributes) {
                Attributes fixed = attributes(attributes);
                return value -> histogram.record(value, fixed);
            }
        };
    }

    @Override
    public AutoCloseable gauge(String name, String description, String unit, Consumer<Gauge> callback) {
        return meter.gaugeBuilder(name).setDescription(description).setUnit(unit).buildWithCallback(
                m -> callback.accept((value, attributes) -> m.record(value, attributes(attributes))));
    }

    @Override
    public Key key(String name) {
        return new Key(name, new ResolvedKey(stringKey(name), longKey(name)));
    }

    /** OpenTelemetry's keys of one attribute name, for either type of value. */
    private record ResolvedKey(AttributeKey<String> string, AttributeKey<Long> number) {
    }

    private static AttributeKey<String> stringKey(Key key) {
        return key.resolved() instanceof ResolvedKey r ? r.string() : stringKey(key.name());
    }

    private static AttributeKey<Long> longKey(Key key) {
        return key.resolved() instanceof ResolvedKey r ? r.number() : longKey(key.name());
    }

    private static Attributes attributes(String... pairs) {
        if (pairs.length == 0) {
            return Attributes.empty();
        }
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                b.put(stringKey(pairs[i]), pairs[i + 1]);
            }
        }
        return b.build();
    }

    /** The attribute key of each name Ferry uses, made once instead of per attribute. */
    private static AttributeKey<String> stringKey(String key) {
        return STRING_KEYS.computeIfAbsent(key, AttributeKey::stringKey);
    }

    private static AttributeKey<Long> longKey(String key) {
        return LONG_KEYS.computeIfAbsent(key, AttributeKey::longKey);
    }

    /**
     * A span of OpenTelemetry's. It is started when first needed (its context, made current, marked
     * failed or ended), so the attributes set before that go to the span builder: the sampler sees
     * them, as the messaging conventions ask, and no span lock is taken per attribute.
     */
    private static final class OtelSpan implements Span {
        private SpanBuilder builder;
        private io.opentelemetry.api.trace.Span span;

        OtelSpan(SpanBuilder builder) {
            this.builder = builder;
        }

        private io.opentelemetry.api.trace.Span started() {
            if (span == null) {
                span = builder.startSpan();
                builder = null;
            }
            return span;
        }

        @Override
        public Span attribute(String key, String value) {
            if (value == null) {
                return this;
            }
            return set(stringKey(key), value);
        }

        @Override
        public Span attribute(String key, long value) {
            return set(longKey(key), value);
        }

        @Override
        public Span attribute(Key key, String value) {
            return value == null ? this : set(stringKey(key), value);
        }

        @Override
        public Span attribute(Key key, long value) {
            return set(longKey(key), value);
        }

        private <T> Span set(AttributeKey<T> key, T value) {
            if (span == null) {
                builder.setAttribute(key, value);
            } else {
                span.setAttribute(key, value);
            }
            return this;
        }

        @Override
        public Span failed(Throwable error) {
            started().recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error));
            return this;
        }

        @Override
        public Span failed(String description) {
            started().setStatus(StatusCode.ERROR, description);
            return this;
        }

        @Override
        public void writeContext(Map<String, String> headers) {
            W3C.inject(Context.root().with(started()), headers, SETTER);
        }

        /**
         * Formats {@code traceparent} from the span's context as the W3C propagator does: the
         * common case (a message whose only headers are its trace context, a span without trace
         * state) needs neither the propagator's carrier calls nor a copied map.
         */
        @Override
        public Map<String, String> withContext(Map<String, String> headers) {
            SpanContext context = started().getSpanContext();
            if (!context.isValid() || !context.getTraceState().isEmpty() || !onlyTraceContext(headers)) {
                return Span.super.withContext(headers);
            }
            return Map.of(TRACEPARENT, "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                    + context.getTraceFlags().asHex());
        }

        /** Without iterating: the key set iterator of a message's (immutable) headers allocates. */
        private static boolean onlyTraceContext(Map<String, String> headers) {
            int traceContext = (headers.containsKey(TRACEPARENT) ? 1 : 0) + (headers.containsKey(TRACESTATE) ? 1 : 0);
            return headers.size() == traceContext;
        }

        @Override
        public Map<String, String> context() {
            return inject(Context.root().with(started()));
        }

        @Override
        public Scope makeCurrent() {
            io.opentelemetry.context.Scope scope = started().makeCurrent();
            return scope::close;
        }

        @Override
        public void end() {
            started().end();
        }

        @Override
        public void end(Instant at) {
            long epochNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            if (span == null) {
                builder.setStartTimestamp(epochNanos, TimeUnit.NANOSECONDS);
            }
            started().end(epochNanos, TimeUnit.NANOSECONDS);
        }
    }
}

package dev.ferry.runtime.telemetry;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What Ferry's engines record: spans that carry a W3C trace context across the outbox row and the
 * broker, counters, histograms and gauges. {@link #none()} records nothing; {@link #of(Object)}
 * records through an {@code io.opentelemetry.api.OpenTelemetry}.
 *
 * <p>Trace contexts travel as text headers: {@value #TRACEPARENT} and {@value #TRACESTATE}
 * (W3C Trace Context), the names Ferry stores with a message and every publisher sends.
 *
 * <p>Metric attributes are given as name/value pairs: {@code counter.add(3, "topic", "orders")}.
 */
public interface Telemetry {

    /** The W3C header carrying the trace and parent span ids. */
    String TRACEPARENT = "traceparent";
    /** The W3C header carrying vendor trace state. */
    String TRACESTATE = "tracestate";

    /** The instrumentation scope name of Ferry's spans and metrics. */
    String SCOPE = "dev.ferry";

    /**
     * @return telemetry that records nothing
     */
    static Telemetry none() {
        return NoTelemetry.INSTANCE;
    }

    /**
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or null for none
     * @return telemetry recording through it
     * @throws IllegalArgumentException if it is not an {@code OpenTelemetry}
     */
    static Telemetry of(Object openTelemetry) {
        if (openTelemetry == null) {
            return none();
        }
        if (!available()) {
            throw new IllegalArgumentException("Ferry's telemetry needs io.opentelemetry:opentelemetry-api on the"
                    + " class path");
        }
        return OtelTelemetry.wrap(openTelemetry);
    }

    /**
     * @return whether the OpenTelemetry API is on the class path
     */
    static boolean available() {
        try {
            Class.forName("io.opentelemetry.api.OpenTelemetry", false, Telemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @return whether this records anything
     */
    boolean enabled();

    /**
     * @return the trace context of the calling thread's current span as W3C headers
     *     ({@value #TRACEPARENT}, and {@value #TRACESTATE} when there is one), empty when there is no
     *     valid current span or telemetry is off
     */
    Map<String, String> currentContext();

    /**
     * Starts a span.
     *
     * @param name the span name
     * @param kind its kind
     * @param parent W3C headers of the parent span; null or without a valid {@value #TRACEPARENT}:
     *     the calling thread's current span is the parent
     * @return the span, to end
     */
    Span startSpan(String name, SpanKind kind, Map<String, String> parent);

    /**
     * @param name the metric name
     * @param description what it counts
     * @param unit its unit ({@code {message}}, …)
     * @return a monotonic counter
     */
    Counter counter(String name, String description, String unit);

    /**
     * @param name the metric name
     * @param description what it measures
     * @param unit its unit ({@code s}, {@code {message}})
     * @param buckets explicit bucket boundaries advised to the SDK, or null for its default
     * @return a histogram
     */
    Histogram histogram(String name, String description, String unit, java.util.List<Double> buckets);

    /**
     * Registers a gauge read when metrics are collected.
     *
     * @param name the metric name
     * @param description what it shows
     * @param unit its unit
     * @param callback records the current values; called on the collector's thread
     * @return closes the registration
     */
    AutoCloseable gauge(String name, String description, String unit, Consumer<Gauge> callback);

    /**
     * An attribute name resolved once, for the spans a hot path starts per message: setting it looks
     * nothing up.
     *
     * @param name the attribute's name
     * @return the key, to pass to {@link Span#attribute(Key, String)} and {@link Span#attribute(Key, long)}
     */
    default Key key(String name) {
        return new Key(name, null);
    }

    /**
     * An attribute name with whatever the telemetry resolved for it.
     *
     * @param name the attribute's name
     * @param resolved the implementation's own form of it, or null
     */
    record Key(String name, Object resolved) {
        /**
         * @param name the attribute's name
         * @param resolved the implementation's own form of it, or null
         * @throws NullPointerException when {@code name} is null
         */
        public Key {
            java.util.Objects.requireNonNull(name, "name");
        }
    }

    /** The kind of a span. */
    enum SpanKind {
        /** Inside Ferry (a saga step). */
        INTERNAL,
        /** Hands a message to a broker. */
        PRODUCER,
        /** Receives a message. */
        CONSUMER
    }

    /** A started span. Not thread-safe. */
    interface Span {
        /**
         * @param key the attribute
         * @param value its value; null is not recorded
         * @return this span
         */
        Span attribute(String key, String value);

        /**
         * @param key the attribute
         * @param value its value
         * @return this span
         */
        Span attribute(String key, long value);

        /**
         * @param key the attribute, from {@link Telemetry#key(String)} of the same telemetry
         * @param value its value; null sets nothing
         * @return this span
         */
        default Span attribute(Key key, String value) {
            return attribute(key.name(), value);
        }

        /**
         * @param key the attribute, from {@link Telemetry#key(String)} of the same telemetry
         * @param value its value
         * @return this span
         */
        default Span attribute(Key key, long value) {
            return attribute(key.name(), value);
        }

        /**
         * Marks the span failed.
         *
         * @param error the exception, recorded as an event
         * @return this span
         */
        Span failed(Throwable error);

        /**
         * Marks the span failed.
         *
         * @param description what failed
         * @return this span
         */
        Span failed(String description);

        /**
         * Writes this span's context as W3C headers ({@value #TRACEPARENT}, and {@value #TRACESTATE}
         * when there is one); writes nothing when nothing is recorded.
         *
         * @param headers where to put them
         */
        void writeContext(Map<String, String> headers);

        /**
         * @return this span's context as W3C headers (empty when nothing is recorded)
         */
        default Map<String, String> context() {
            Map<String, String> headers = new java.util.LinkedHashMap<>(4);
            writeContext(headers);
            return headers;
        }

        /**
         * The headers a message carries onward from this span: {@code headers} with their trace
         * context replaced by this span's.
         *
         * @param headers a message's headers, not changed
         * @return an unmodifiable copy with this span's {@code traceparent} (and its {@code tracestate},
         *     if any) instead of theirs
         */
        default Map<String, String> withContext(Map<String, String> headers) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(headers.size() + 2);
            copy.putAll(headers);
            copy.remove(TRACESTATE);
            writeContext(copy);
            return java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * @return makes this span the thread's current one until closed
         */
        Scope makeCurrent();

        /** Ends the span. */
        void end();

        /**
         * Ends the span at a time read earlier, for a span ended on another thread than the one whose
         * work it measures.
         *
         * @param at when the span's work ended, not before it started
         */
        default void end(java.time.Instant at) {
            end();
        }
    }

    /** The span made current by {@link Span#makeCurrent()}; close it on the same thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A monotonic counter. */
    interface Counter {
        /**
         * @param value how much to add
         * @param attributes name/value pairs
         */
        void add(long value, String... attributes);
    }

    /** A histogram. */
    interface Histogram {
        /**
         * @param value the measurement
         * @param attributes name/value pairs
         */
        void record(double value, String... attributes);

        /**
         * @param attributes name/value pairs every measurement of the result carries
         * @return records measurements with these attributes, built once (for a per-message path)
         */
        default Recorder with(String... attributes) {
            return value -> record(value, attributes);
        }
    }

    /** Records measurements of a {@link Histogram} with fixed attributes. */
    interface Recorder {
        /**
         * @param value the measurement
         */
        void record(double value);
    }

    /** Where a gauge callback records its values. */
    interface Gauge {
        /**
         * @param value a value
         * @param attributes name/value pairs
         */
        void record(double value, String... attributes);
    }
}

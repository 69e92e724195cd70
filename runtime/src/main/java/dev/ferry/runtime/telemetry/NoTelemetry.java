package dev.ferry.runtime.telemetry;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Records nothing: Ferry without OpenTelemetry. */
enum NoTelemetry implements Telemetry, Telemetry.Span, Telemetry.Scope, Telemetry.Counter, Telemetry.Histogram {
    INSTANCE;

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public Map<String, String> currentContext() {
        return Map.of();
    }

    @Override
    public Span startSpan(String name, SpanKind kind, Map<String, String> parent) {
        return this;
    }

    @Override
    public Counter counter(String name, String description, String unit) {
        return this;
    }

    @Override
    public Histogram histogram(String name, String description, String unit, List<Double> buckets) {
        return this;
    }

    @Override
    public AutoCloseable gauge(String name, String description, String unit, Consumer<Gauge> callback) {
        return () -> { };
    }

    @Override
    public Span attribute(String key, String value) {
        return this;
    }

    @Override
    public Span attribute(String key, long value) {
        return this;
    }

    @Override
    public Span failed(Throwable error) {
        return this;
    }

    @Override
    public Span failed(String description) {
        return this;
    }

    @Override
    public void writeContext(Map<String, String> headers) {
        // nothing is recorded
    }

    @Override
    public Map<String, String> context() {
        return Map.of();
    }

    @Override
    public Map<String, String> withContext(Map<String, String> headers) {
        return headers;
    }

    @Override
    public Scope makeCurrent() {
        return this;
    }

    @Override
    public void end() {
    }

    @Override
    public void close() {
    }

    @Override
    public void add(long value, String... attributes) {
    }

    @Override
    public void record(double value, String... attributes) {
    }
}

package dev.ferry.sample.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver (protobuf) on 127.0.0.1: what a collector would get from the server's
 * OpenTelemetry exporter. It keeps every span it is sent.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span: its trace, kind and name. */
    record ReceivedSpan(String traceId, Span.SpanKind kind, String name) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    record(ExportTraceServiceRequest.parseFrom(body));
                } else {
                    problems.add("unexpected request " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                }
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read a request to " + exchange.getRequestURI() + " ("
                        + exchange.getRequestHeaders().getFirst("Content-Type") + ", "
                        + exchange.getRequestHeaders().getFirst("Content-Encoding") + "): " + e);
            } finally {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            }
        });
        server.start();
    }

    private void record(ExportTraceServiceRequest request) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new ReceivedSpan(HexFormat.of().formatHex(s.getTraceId().toByteArray()), s.getKind(),
                            s.getName()));
                }
            }
        }
    }

    /** @return the spans received so far of one trace */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** @return what was received in all, for a failure message */
    String summary() {
        return spans.size() + " span(s), e.g. " + spans.stream().limit(10).toList() + "; problems: " + problems;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.ferry.outbox.relay;

import dev.ferry.outbox.config.OutboxSettings;
import dev.ferry.outbox.spi.MessagePublisher;
import dev.ferry.outbox.spi.OutgoingMessage;
import dev.ferry.runtime.telemetry.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The relay's traces and metrics. Each send is a PRODUCER span whose parent is the trace context
 * stored with the message ({@code traceparent}, {@code tracestate} headers), with OpenTelemetry's
 * messaging attributes; the message goes to the broker with the producer span's context instead, so
 * the consumer's span follows the send. Counters are added once per batch and topic, after the
 * batch's outcome was committed. Ending the spans and recording the metrics need nothing from the
 * relay's thread: the relay runs them on its {@link TelemetryLane}.
 */
final class RelayTelemetry {

    /** Latency buckets in seconds: from a millisecond to ten minutes. */
    static final List<Double> SECONDS = List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            10.0, 30.0, 60.0, 300.0, 600.0);
    private static final List<Double> SIZES = List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0);

    private static final int TOPICS_CACHED = 1000;

    private final Telemetry telemetry;
    private final OutboxSettings settings;
    private final String system;
    private final String table;
    private final Telemetry.Counter published;
    private final Telemetry.Counter failed;
    private final Telemetry.Counter dead;
    private final Telemetry.Histogram latency;
    private final Telemetry.Histogram batchSize;
    private final Telemetry.Histogram batchDuration;
    private final Telemetry.Key systemKey;
    private final Telemetry.Key operationNameKey;
    private final Telemetry.Key operationTypeKey;
    private final Telemetry.Key destinationKey;
    private final Telemetry.Key messageIdKey;
    private final Telemetry.Key messageKeyKey;
    private final Telemetry.Key messageTypeKey;
    private final Telemetry.Key attemptKey;
    private final Telemetry.Key relayIdKey;
    private final Telemetry.Key outcomeKey;
    /** Per topic: the span name and the latency recorder, made once (a relay sees few topics). */
    private final Map<String, String> spanNames = new ConcurrentHashMap<>();
    private final Map<String, Telemetry.Recorder> latencyByTopic = new ConcurrentHashMap<>();

    RelayTelemetry(Telemetry telemetry, OutboxSettings settings, MessagePublisher publisher) {
        this.telemetry = telemetry;
        this.settings = settings;
        this.system = messagingSystem(publisher);
        this.table = settings.table().toString();
        this.published = telemetry.counter("ferry.outbox.published",
                "Messages the broker confirmed, by topic", "{message}");
        this.failed = telemetry.counter("ferry.outbox.failed",
                "Failed publish attempts, by topic and reason (refused: an attempt counted; unavailable: none)",
                "{attempt}");
        this.dead = telemetry.counter("ferry.outbox.dead",
                "Messages parked as dead after their last attempt, by topic", "{message}");
        this.latency = telemetry.histogram("ferry.outbox.publish.latency",
                "From the message's write (its transaction) to the broker's confirmation", "s", SECONDS);
        this.batchSize = telemetry.histogram("ferry.outbox.relay.batch.size",
                "Messages per claimed batch", "{message}", SIZES);
        this.systemKey = telemetry.key("messaging.system");
        this.operationNameKey = telemetry.key("messaging.operation.name");
        this.operationTypeKey = telemetry.key("messaging.operation.type");
        this.destinationKey = telemetry.key("messaging.destination.name");
        this.messageIdKey = telemetry.key("messaging.message.id");
        this.messageKeyKey = telemetry.key("ferry.message.key");
        this.messageTypeKey = telemetry.key("ferry.message.type");
        this.attemptKey = telemetry.key("ferry.attempt");
        this.relayIdKey = telemetry.key("ferry.relay.id");
        this.outcomeKey = telemetry.key("ferry.outcome");
        this.batchDuration = telemetry.histogram("ferry.outbox.relay.batch.duration",
                "From claiming a batch to committing its outcome", "s", SECONDS);
    }

    /**
     * The messaging system for {@code messaging.system}, from the publisher's class (the relay does
     * not know which broker a publisher talks to otherwise).
     */
    static String messagingSystem(MessagePublisher publisher) {
        String name = publisher == null ? "" : publisher.getClass().getSimpleName();
        if (name.startsWith("RabbitMq")) {
            return "rabbitmq";
        } else if (name.startsWith("Kafka")) {
            return "kafka";
        } else if (name.startsWith("Jms")) {
            return "jms";
        } else if (name.startsWith("Webhook")) {
            return "http";
        }
        return "ferry";
    }

    /**
     * @return whether anything is recorded: without, {@link #recorded} does nothing and
     *     {@link #send} starts no span
     */
    boolean recording() {
        return telemetry.enabled();
    }

    /**
     * Starts a PRODUCER span per message, and gives each message the span's context as its trace
     * headers.
     *
     * @param batch the claimed batch
     * @return the sends, with the batch the publisher gets
     */
    Sends send(List<ClaimedMessage> batch) {
        if (!telemetry.enabled()) {
            return new Sends(batch, null, null);
        }
        List<ClaimedMessage> traced = new ArrayList<>(batch.size());
        Telemetry.Span[] spans = new Telemetry.Span[batch.size()];
        String topic = null;
        String spanName = null;
        for (ClaimedMessage c : batch) {
            OutgoingMessage m = c.message();
            if (!m.topic().equals(topic)) {
                topic = m.topic();
                spanName = perTopic(spanNames, topic, t -> "publish " + t);
            }
            Telemetry.Span span = telemetry.startSpan(spanName, Telemetry.SpanKind.PRODUCER, m.headers())
                    .attribute(systemKey, system)
                    .attribute(operationNameKey, "publish")
                    .attribute(operationTypeKey, "send")
                    .attribute(destinationKey, m.topic())
                    .attribute(messageIdKey, m.id().toString())
                    .attribute(messageKeyKey, m.key())
                    .attribute(messageTypeKey, m.type())
                    .attribute(attemptKey, m.attempt())
                    .attribute(relayIdKey, settings.relayId());
            spans[traced.size()] = span;
            traced.add(new ClaimedMessage(new OutgoingMessage(m.id(), m.sequence(), m.topic(), m.key(), m.type(),
                    m.contentType(), m.payload(), span.withContext(m.headers()), m.createdAt(), m.attempt()),
                    c.previousAttempts()));
        }
        return new Sends(traced, spans, outcomeKey);
    }

    /** A relay sees few topics; past {@value #TOPICS_CACHED} of them, the rest are not cached. */
    private static <T> T perTopic(Map<String, T> cache, String topic, Function<String, T> make) {
        T known = cache.get(topic);
        if (known != null) {
            return known;
        }
        T made = make.apply(topic);
        if (cache.size() < TOPICS_CACHED) {
            cache.put(topic, made);
        }
        return made;
    }

    /**
     * Counts a batch whose outcome was committed.
     *
     * @param outcomes what became of its messages
     * @param confirmedAt when the publisher returned
     * @param took from the claim to the commit
     */
    void recorded(List<Outcome> outcomes, Instant confirmedAt, Duration took) {
        if (!telemetry.enabled()) {
            return;
        }
        batchSize.record(outcomes.size(), "ferry.outbox.table", table);
        batchDuration.record(took.toNanos() / 1e9, "ferry.outbox.table", table);
        Map<String, long[]> byTopic = new HashMap<>(); // delivered, refused, unavailable, dead
        String topic = null; // a batch is mostly of one topic: its figures are looked up once per run of it
        long[] n = null;
        Telemetry.Recorder topicLatency = null;
        for (Outcome o : outcomes) {
            OutgoingMessage m = o.message().message();
            if (!m.topic().equals(topic)) {
                topic = m.topic();
                n = byTopic.computeIfAbsent(topic, t -> new long[4]);
                topicLatency = perTopic(latencyByTopic, topic, t -> latency.with("messaging.destination.name", t));
            }
            switch (o.kind()) {
                case DELIVERED -> {
                    n[0]++;
                    topicLatency.record(secondsBetween(m.createdAt(), confirmedAt));
                }
                case FAILED -> {
                    n[1]++;
                    n[3] += o.diesWith(settings.maxAttempts()) ? 1 : 0;
                }
                case UNAVAILABLE -> n[2]++;
                case NOT_ATTEMPTED -> { }
            }
        }
        byTopic.forEach((t, counts) -> {
            if (counts[0] > 0) {
                published.add(counts[0], "messaging.destination.name", t);
            }
            if (counts[1] > 0) {
                failed.add(counts[1], "messaging.destination.name", t, "ferry.failure", "refused");
            }
            if (counts[2] > 0) {
                failed.add(counts[2], "messaging.destination.name", t, "ferry.failure", "unavailable");
            }
            if (counts[3] > 0) {
                dead.add(counts[3], "messaging.destination.name", t);
            }
        });
    }

    /**
     * @return the seconds from {@code from} to {@code to}, at least 0: per delivered message, so
     *     computed without the {@link Duration} that {@code Duration.between} would allocate
     */
    static double secondsBetween(Instant from, Instant to) {
        double seconds = (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
        return Math.max(0, seconds);
    }

    /**
     * A batch's sends.
     *
     * @param batch the batch the publisher gets
     * @param spans the PRODUCER span of each message of {@code batch}, in its order, or null when
     *     nothing is recorded
     * @param outcomeKey the {@code ferry.outcome} attribute
     */
    record Sends(List<ClaimedMessage> batch, Telemetry.Span[] spans, Telemetry.Key outcomeKey) {

        /** The {@code ferry.outcome} attribute of each kind of outcome. */
        private static final Map<Outcome.Kind, String> OUTCOMES = outcomeNames();

        private static Map<Outcome.Kind, String> outcomeNames() {
            Map<Outcome.Kind, String> names = new EnumMap<>(Outcome.Kind.class);
            for (Outcome.Kind kind : Outcome.Kind.values()) {
                names.put(kind, kind.name().toLowerCase(Locale.ROOT));
            }
            return names;
        }

        /**
         * Ends each span with its message's outcome.
         *
         * @param outcomes one per message of {@link #batch}, in its order
         * @param returned when the publisher returned: the end of each span
         */
        void end(List<Outcome> outcomes, Instant returned) {
            if (spans == null) {
                return;
            }
            for (int i = 0; i < spans.length; i++) {
                Outcome o = outcomes.get(i);
                if (o.message() != batch.get(i)) {
                    throw new IllegalStateException("Outcome " + i + " is not of the batch's message " + i);
                }
                Telemetry.Span span = spans[i];
                span.attribute(outcomeKey, OUTCOMES.get(o.kind()));
                if (o.kind() == Outcome.Kind.FAILED || o.kind() == Outcome.Kind.UNAVAILABLE) {
                    span.failed(o.error());
                }
                span.end(returned);
            }
        }
    }
}

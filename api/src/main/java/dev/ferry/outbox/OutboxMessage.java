package dev.ferry.outbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable message to be written to the outbox; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * OutboxMessage message = OutboxMessage.builder("orders")
 *         .key(orderId)                    // ordering key; null means no ordering
 *         .type("OrderPlaced")             // what consumers switch on
 *         .payload(new OrderPlaced(...))   // any Jackson-serializable object
 *         .header("tenant", "acme")
 *         .deliverAfter(Instant.now().plusSeconds(60))
 *         .build();
 * }</pre>
 */
public final class OutboxMessage {

    /** Longest topic, key, type or header name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

    /** Longest header value accepted, in characters. */
    public static final int MAX_HEADER_VALUE_LENGTH = 8192;

    private final String topic;
    private final String key;
    private final String type;
    private final Object payload;
    private final PayloadFormat payloadFormat;
    private final Map<String, String> headers;
    private final Instant deliverAfter;

    private OutboxMessage(Builder b) {
        this.topic = b.topic;
        this.key = b.key;
        this.type = b.type;
        this.payload = b.payload;
        this.payloadFormat = b.payloadFormat;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.deliverAfter = b.deliverAfter;
    }

    /**
     * Starts a message for a topic.
     *
     * @param topic where the message goes; not blank, at most {@value #MAX_NAME_LENGTH} characters,
     *     no control characters
     * @return a builder
     * @throws IllegalArgumentException naming the topic's problem
     */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** @return where the message goes */
    public String topic() {
        return topic;
    }

    /** @return the ordering key, or {@code null} when the message is not ordered */
    public String key() {
        return key;
    }

    /** @return the message type, or {@code null}; defaults to the payload's simple class name */
    public String type() {
        return type;
    }

    /** @return the payload as given to the builder (an object, a JSON string or bytes); may be null */
    public Object payload() {
        return payload;
    }

    /** @return how the payload is turned into bytes */
    public PayloadFormat payloadFormat() {
        return payloadFormat;
    }

    /** @return the headers, unmodifiable, in insertion order */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the earliest instant the message may be published, or {@code null} for right away */
    public Instant deliverAfter() {
        return deliverAfter;
    }

    @Override
    public String toString() {
        return "OutboxMessage[topic=" + topic + ", key=" + key + ", type=" + type + "]";
    }

    /** Builds an {@link OutboxMessage}; every setter checks its argument at once. */
    public static final class Builder {
        private final String topic;
        private String key;
        private String type;
        private Object payload;
        private PayloadFormat payloadFormat = PayloadFormat.OBJECT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Instant deliverAfter;

        private Builder(String topic) {
            this.topic = MessageChecks.name("topic", topic);
        }

        /**
         * @param key the ordering key, or {@code null} for an unordered message; not blank, at most
         *     {@value #MAX_NAME_LENGTH} characters, no control characters
         * @return this builder
         * @throws IllegalArgumentException naming the key's problem
         */
        public Builder key(String key) {
            this.key = key == null ? null : MessageChecks.name("key", key);
            return this;
        }

        /**
         * @param type what consumers switch on, e.g. {@code "OrderPlaced"}; not blank, at most
         *     {@value #MAX_NAME_LENGTH} characters, no control characters
         * @return this builder
         * @throws IllegalArgumentException naming the type's problem
         */
        public Builder type(String type) {
            this.type = type == null ? null : MessageChecks.name("type", type);
            return this;
        }

        /**
         * @param payload an object, serialized as JSON when written (by Jackson in Java SE, by the
         *     server's JSON-B in a server); a {@code byte[]}, stored as it is; or a {@code String},
         *     taken as JSON text as {@link #jsonPayload(String)} takes it (not encoded a second time:
         *     to send a JSON string, pass it quoted, {@code "\"hello\""})
         * @return this builder
         */
        public Builder payload(Object payload) {
            if (payload instanceof String json) {
                return jsonPayload(json);
            }
            this.payload = payload;
            this.payloadFormat = payload instanceof byte[] ? PayloadFormat.BYTES : PayloadFormat.OBJECT;
            return this;
        }

        /**
         * @param json a string that already holds JSON; it is checked when written
         * @return this builder
         */
        public Builder jsonPayload(String json) {
            this.payload = Objects.requireNonNull(json, "json payload");
            this.payloadFormat = PayloadFormat.JSON;
            return this;
        }

        /**
         * Adds a header; a second one of the same name replaces the first. The name must be an HTTP
         * token (ASCII letters, digits and {@code !#$%&'*+-.^_`|~}), at most {@value #MAX_NAME_LENGTH}
         * characters, outside Ferry's namespace ({@code ferry-}, {@code ferry_}), not a name JMS reserves
         * (after {@link dev.ferry.outbox.spi.FerryHeaders#jmsPropertyName}: {@code JMS...}, selector
         * words such as {@code NULL}), and not the same as another header's
         * name but for case or {@code -}/{@code _}. The value must be at most
         * {@value #MAX_HEADER_VALUE_LENGTH} characters of one line (a tab is allowed, other control
         * characters are not). {@code traceparent} and {@code tracestate}, which Ferry fills from the
         * caller's trace unless the message carries its own, must be a valid W3C trace context.
         *
         * @param name header name
         * @param value header value, not null
         * @return this builder
         * @throws IllegalArgumentException naming the header and its problem
         */
        public Builder header(String name, String value) {
            headers.put(MessageChecks.headerName(name, headers), MessageChecks.headerValue(name, value));
            return this;
        }

        /**
         * @param headers headers to add, each checked as {@link #header(String, String)} checks it
         * @return this builder
         * @throws IllegalArgumentException naming the first invalid header
         */
        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        /**
         * @param deliverAfter earliest instant the message may be published; null for right away
         * @return this builder
         */
        public Builder deliverAfter(Instant deliverAfter) {
            this.deliverAfter = deliverAfter;
            return this;
        }

        /**
         * Builds the message. Without a {@link #type(String)}, an object payload of a named class of
         * the application's (a record, an enum, a class) gives its simple name as the type; a map,
         * a list or another JDK type, an anonymous or a synthetic class gives none.
         *
         * @return the message
         */
        public OutboxMessage build() {
            if (type == null && payload != null && payloadFormat == PayloadFormat.OBJECT) {
                type = defaultType(payload.getClass());
            }
            return new OutboxMessage(this);
        }

        private static String defaultType(Class<?> c) {
            boolean named = !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic() && !c.isArray()
                    && !c.getName().startsWith("java.") && !c.getName().startsWith("javax.");
            return named && !c.getSimpleName().isEmpty() ? c.getSimpleName() : null;
        }
    }
}

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

    /** Longest topic, key or type accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

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
     * @param topic where the message goes; not blank, at most {@value #MAX_NAME_LENGTH} characters
     * @return a builder
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
            this.topic = requireName("topic", topic);
        }

        /**
         * @param key the ordering key, or {@code null} for an unordered message
         * @return this builder
         */
        public Builder key(String key) {
            this.key = key == null ? null : requireName("key", key);
            return this;
        }

        /**
         * @param type what consumers switch on, e.g. {@code "OrderPlaced"}
         * @return this builder
         */
        public Builder type(String type) {
            this.type = type == null ? null : requireName("type", type);
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
         * @param name header name, not blank
         * @param value header value, not null
         * @return this builder
         */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Outbox message header name must not be blank");
            }
            headers.put(name, Objects.requireNonNull(value, () -> "value of header '" + name + "'"));
            return this;
        }

        /**
         * @param headers headers to add
         * @return this builder
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

        private static String requireName(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Outbox message " + what + " must not be blank");
            }
            if (value.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("Outbox message " + what + " is longer than "
                        + MAX_NAME_LENGTH + " characters: " + value.substring(0, 40) + "...");
            }
            return value;
        }
    }
}

package dev.ferry.outbox.spi;

/**
 * The names of the headers Ferry's publishers write beside the user's own headers, so that
 * consumers (and Ferry's inbox helpers) can read a message's id, type and key whatever the broker.
 *
 * <p>Kafka record headers, AMQP headers and HTTP headers use the dashed names ({@link #MESSAGE_ID}
 * …). JMS property names must be Java identifiers, so JMS uses the underscored names
 * ({@link #JMS_MESSAGE_ID} …); {@link #jmsPropertyName(String)} turns any header name into a valid
 * JMS property name the same way. Names starting with {@code ferry-} / {@code ferry_} are Ferry's:
 * a user header of the same name is overwritten.
 */
public final class FerryHeaders {

    /** The message id ({@link OutgoingMessage#id()}), stable across attempts: what consumers de-duplicate on. */
    public static final String MESSAGE_ID = "ferry-message-id";
    /** The message type, when the message has one. */
    public static final String MESSAGE_TYPE = "ferry-message-type";
    /** The ordering key, when the message has one. */
    public static final String MESSAGE_KEY = "ferry-message-key";
    /** The Ferry topic the message was written to (the broker destination may be mapped from it). */
    public static final String TOPIC = "ferry-topic";
    /** The payload's content type: {@code application/json} or {@code application/octet-stream}. */
    public static final String CONTENT_TYPE = "ferry-content-type";
    /** When the message was written, ISO-8601 UTC ({@code 2026-11-23T10:15:30.123456Z}). */
    public static final String CREATED_AT = "ferry-created-at";

    /** {@link #MESSAGE_ID} as a JMS property. */
    public static final String JMS_MESSAGE_ID = "ferry_message_id";
    /** {@link #MESSAGE_TYPE} as a JMS property. */
    public static final String JMS_MESSAGE_TYPE = "ferry_message_type";
    /** {@link #MESSAGE_KEY} as a JMS property. */
    public static final String JMS_MESSAGE_KEY = "ferry_message_key";
    /** {@link #TOPIC} as a JMS property. */
    public static final String JMS_TOPIC = "ferry_topic";
    /** {@link #CONTENT_TYPE} as a JMS property. */
    public static final String JMS_CONTENT_TYPE = "ferry_content_type";
    /** {@link #CREATED_AT} as a JMS property. */
    public static final String JMS_CREATED_AT = "ferry_created_at";

    /** The HTTP header carrying the message id on webhooks, the de-facto standard name. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private FerryHeaders() {
    }

    /**
     * Turns a header name into a valid JMS property name: every character that may not appear in a
     * Java identifier becomes {@code _}, and a leading digit gets a {@code _} in front. So
     * {@code ferry-message-id} becomes {@link #JMS_MESSAGE_ID} and {@code x-trace-id} becomes
     * {@code x_trace_id}.
     *
     * @param header a header name, not empty
     * @return the JMS property name
     */
    public static String jmsPropertyName(String header) {
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("A header name must not be empty");
        }
        StringBuilder sb = new StringBuilder(header.length() + 1);
        if (!Character.isJavaIdentifierStart(header.charAt(0))) {
            sb.append('_');
        }
        for (int i = 0; i < header.length(); i++) {
            char ch = header.charAt(i);
            sb.append(Character.isJavaIdentifierPart(ch) && ch != '$' ? ch : '_');
        }
        return sb.toString();
    }
}

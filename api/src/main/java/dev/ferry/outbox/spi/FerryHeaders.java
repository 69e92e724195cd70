package dev.ferry.outbox.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The headers Ferry's publishers write beside the message's own headers, so that consumers (and
 * Ferry's inbox helpers) can read a message's id, type and key whatever the broker, and the rules
 * every publisher applies to header names and values.
 *
 * <p>Kafka record headers, AMQP headers and HTTP headers use the dashed names ({@link #MESSAGE_ID}
 * …). JMS property names must be Java identifiers, so JMS uses the underscored names
 * ({@link #JMS_MESSAGE_ID} …); {@link #jmsPropertyName(String)} turns any header name into a valid
 * JMS property name the same way.
 *
 * <p>Names starting with {@code ferry-} or {@code ferry_}, in any case, are Ferry's
 * ({@link #isReserved(String)}): {@code OutboxMessage.Builder.header} refuses such a name, and a
 * publisher drops one should a stored row hold it, so every {@code ferry-} header a consumer reads is
 * Ferry's.
 *
 * <p>Values are sent as UTF-8 text on Kafka, AMQP and JMS. HTTP header values must be printable
 * ASCII, so on webhooks they are percent-encoded ({@link #encodeHttpValue(String)}) where needed, in
 * a way {@link #decodeHttpValue(String)} reverses exactly.
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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

    /**
     * Whether a header name is Ferry's: it starts with {@code ferry-} or {@code ferry_}, ignoring case
     * (HTTP header names are case-insensitive). Publishers drop a message's own header with such a
     * name.
     *
     * @param header a header name
     * @return true if the name is reserved for Ferry's headers
     */
    public static boolean isReserved(String header) {
        return header.length() >= 6 && header.regionMatches(true, 0, "ferry", 0, 5)
                && (header.charAt(5) == '-' || header.charAt(5) == '_');
    }

    /**
     * Encodes a header value for HTTP, whose header values are printable ASCII. A value of printable
     * ASCII without {@code %} and without a leading or trailing space is sent as it is. In any other
     * value each {@code %}, each character outside printable ASCII (as its UTF-8 bytes) and a leading
     * or trailing space (which HTTP would drop) is written as {@code %XX}: {@code "Zürich"} becomes
     * {@code "Z%C3%BCrich"}, {@code "5% off"} becomes {@code "5%25 off"}, {@code "a\r\nb"} becomes
     * {@code "a%0D%0Ab"}. Because {@code %} itself is always encoded, {@link #decodeHttpValue}
     * gives back the original value.
     *
     * @param value a header value
     * @return the value to send in an HTTP header
     */
    public static String encodeHttpValue(String value) {
        int last = value.length() - 1;
        boolean plain = true;
        for (int i = 0; i <= last && plain; i++) {
            plain = sentAsIs(value.charAt(i), i == 0 || i == last);
        }
        if (plain) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (sentAsIs((char) b, i == 0 || i == bytes.length - 1)) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * Decodes a header value a webhook received ({@link #encodeHttpValue} reversed): each
     * {@code %XX} is a byte of the value's UTF-8 form. A {@code %} that is not followed by two hex
     * digits is kept as it is.
     *
     * @param value a received header value, or null
     * @return the original value, or null
     */
    public static String decodeHttpValue(String value) {
        if (value == null || value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
            if (c == '%' && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean sentAsIs(char c, boolean atAnEnd) {
        return c > 0x20 && c < 0x7F && c != '%' || c == ' ' && !atAnEnd;
    }
}

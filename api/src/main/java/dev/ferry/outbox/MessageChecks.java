package dev.ferry.outbox;

import dev.ferry.outbox.spi.FerryHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks {@link OutboxMessage.Builder} runs on each argument as it is given; every message names
 * the argument (and the header) and shows the value. The rules are the ones README.md's "Headers"
 * section states.
 */
final class MessageChecks {

    /** The characters of an HTTP token (RFC 9110), which Kafka, AMQP and (mapped) JMS accept as well. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** Words a JMS property name may not be (message selector keywords, JMS 3.1 section 3.8.1.1). */
    private static final Set<String> JMS_KEYWORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final String TRACEPARENT_NAME = "traceparent";
    private static final String TRACESTATE_NAME = "tracestate";
    private static final int MAX_TRACESTATE_LENGTH = 512;

    private MessageChecks() {
    }

    /**
     * @param what "topic", "key" or "type"
     * @param value the value
     * @return the value
     */
    static String name(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Outbox message " + what + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("Outbox message " + what + " must not be blank, was '" + value + "'");
        }
        if (value.length() > OutboxMessage.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Outbox message " + what + " is " + value.length()
                    + " characters, longer than " + OutboxMessage.MAX_NAME_LENGTH + ": '" + shown(value) + "'");
        }
        int control = controlCharacter(value, false);
        if (control >= 0) {
            throw new IllegalArgumentException("Outbox message " + what + " '" + shown(value) + "' holds a control"
                    + " character (" + codePoint(value.charAt(control)) + ") at index " + control);
        }
        return value;
    }

    /**
     * @param name a header name
     * @param headers the headers given so far
     * @return the name
     */
    static String headerName(String name, Map<String, String> headers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Outbox message header name must not be null or blank, was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (name.length() > OutboxMessage.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Outbox message header name is " + name.length()
                    + " characters, longer than " + OutboxMessage.MAX_NAME_LENGTH + ": '" + shown(name) + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && Character.isLetterOrDigit(c)) && TOKEN_SYMBOLS.indexOf(c) < 0) {
                throw new IllegalArgumentException("Outbox message header name '" + shown(name) + "' holds "
                        + codePoint(c) + " at index " + i + ": a header name is ASCII letters, digits and "
                        + TOKEN_SYMBOLS + " (an HTTP token, which every broker accepts)");
            }
        }
        if (FerryHeaders.isReserved(name)) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' is in Ferry's namespace"
                    + " (names starting with ferry- or ferry_, in any case): Ferry writes those headers itself;"
                    + " choose another name");
        }
        if ((name.equalsIgnoreCase(TRACEPARENT_NAME) || name.equalsIgnoreCase(TRACESTATE_NAME))
                && !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' must be written in lower case, "
                    + name.toLowerCase(Locale.ROOT) + " (the W3C trace context header Ferry reads and writes)");
        }
        String jms = FerryHeaders.jmsPropertyName(name);
        if (jms.startsWith("JMS") || JMS_KEYWORDS.contains(jms.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' is sent on JMS as the property "
                    + jms + ", a name JMS reserves (JMS... and the selector words "
                    + String.join(", ", JMS_KEYWORDS.stream().sorted().toList()) + "); choose another name");
        }
        for (String other : headers.keySet()) {
            if (!other.equals(name) && FerryHeaders.jmsPropertyName(other).equalsIgnoreCase(jms)) {
                throw new IllegalArgumentException("Outbox message header '" + name + "' clashes with header '"
                        + other + "': HTTP header names ignore case, and JMS sends both as the property "
                        + FerryHeaders.jmsPropertyName(other) + "; use one of them");
            }
        }
        return name;
    }

    /**
     * @param name a valid header name
     * @param value its value
     * @return the value
     */
    static String headerValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' must have a value, got null");
        }
        if (value.length() > OutboxMessage.MAX_HEADER_VALUE_LENGTH) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' has a value of " + value.length()
                    + " characters, longer than " + OutboxMessage.MAX_HEADER_VALUE_LENGTH);
        }
        int control = controlCharacter(value, true);
        if (control >= 0) {
            throw new IllegalArgumentException("Outbox message header '" + name + "' has a value with a control"
                    + " character (" + codePoint(value.charAt(control)) + ") at index " + control + ": '"
                    + shown(value) + "'; a header value is one line of text (a tab is allowed)");
        }
        if (name.equals(TRACEPARENT_NAME) && !validTraceparent(value)) {
            throw new IllegalArgumentException("Outbox message header 'traceparent' is not a W3C trace context: '"
                    + shown(value) + "'; expected version-traceid-spanid-flags in lower-case hex, such as"
                    + " 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        }
        if (name.equals(TRACESTATE_NAME) && value.length() > MAX_TRACESTATE_LENGTH) {
            throw new IllegalArgumentException("Outbox message header 'tracestate' is " + value.length()
                    + " characters, longer than the " + MAX_TRACESTATE_LENGTH + " W3C trace context allows");
        }
        return value;
    }

    private static boolean validTraceparent(String value) {
        return TRACEPARENT.matcher(value).matches() && !value.startsWith("ff")
                && !value.substring(3, 35).chars().allMatch(c -> c == '0')
                && !value.substring(36, 52).chars().allMatch(c -> c == '0');
    }

    private static int controlCharacter(String value, boolean tabAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(tabAllowed && c == '\t')) {
                return i;
            }
        }
        return -1;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** The value for a message: control characters as {@code \}{@code uXXXX}, at most 60 characters. */
    private static String shown(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < 60; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.length() < value.length() ? sb + "..." : sb.toString();
    }
}

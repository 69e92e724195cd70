package dev.ferry.runtime.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Ferry's JSON: how message payloads, headers and saga data become text and back. Two bindings:
 * {@link #jsonb()} (Jakarta JSON Binding, which every Jakarta EE 10 server provides; Ferry's choice
 * inside a server, so that adding Ferry leaves the application's own JSON provider alone) and
 * {@link #jackson()} (Java SE's default when Jackson is on the class path). Both ignore unknown
 * properties when reading, so stored data survives adding a field, and write {@code java.time}
 * values as ISO-8601 text.
 */
public interface JsonCodec {

    /**
     * @param value any value the binding can serialize
     * @return its JSON as UTF-8 bytes
     * @throws IllegalArgumentException naming the class if it cannot be serialized
     */
    default byte[] toBytes(Object value) {
        return toText(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param value any value the binding can serialize
     * @return its JSON text
     * @throws IllegalArgumentException naming the class if it cannot be serialized
     */
    String toText(Object value);

    /**
     * @param json JSON text as UTF-8 bytes
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the JSON does not fit the type
     */
    default <T> T fromBytes(byte[] json, Class<T> type) {
        return fromText(new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * @param json JSON text
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the JSON does not fit the type
     */
    <T> T fromText(String json, Class<T> type);

    /**
     * Checks that a string is one well-formed JSON value.
     *
     * @param json the text
     * @return its UTF-8 bytes
     * @throws IllegalArgumentException if it is empty, not well-formed, or more than one value
     */
    byte[] requireJson(String json);

    /**
     * @param headers string headers
     * @return their JSON object text, or null for none
     */
    default String headersToText(Map<String, String> headers) {
        return headers == null || headers.isEmpty() ? null : toText(headers);
    }

    /**
     * @param text a JSON object of strings, or null
     * @return the headers, possibly empty
     * @throws IllegalArgumentException if the text is not a JSON object of strings
     */
    Map<String, String> headersFromText(String text);

    /**
     * @return Jackson with Ferry's configuration ({@link FerryObjectMapper#create()})
     * @throws IllegalStateException if Jackson is not on the class path
     */
    static JsonCodec jackson() {
        requireClass("com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.core:jackson-databind, jackson-datatype-jsr310 and jackson-datatype-jdk8");
        return new JacksonJsonCodec(FerryObjectMapper.create());
    }

    /**
     * @param mapper the application's mapper, used as it is
     * @return Jackson through that mapper
     */
    static JsonCodec jackson(ObjectMapper mapper) {
        return new JacksonJsonCodec(mapper);
    }

    /**
     * @return Jakarta JSON Binding with its default configuration (in a server: the server's
     *     implementation, Yasson in WildFly and Payara)
     * @throws IllegalStateException if no JSON-B implementation is on the class path
     */
    static JsonCodec jsonb() {
        requireClass("jakarta.json.bind.JsonbBuilder", "a Jakarta JSON Binding implementation such as"
                + " org.eclipse:yasson");
        return new JsonbJsonCodec();
    }

    /**
     * @param jsonb the application's {@link Jsonb}, used as it is
     * @return JSON-B through it
     */
    static JsonCodec jsonb(Jsonb jsonb) {
        return new JsonbJsonCodec(jsonb);
    }

    /**
     * @return Jackson when it is on the class path, else JSON-B when an implementation is
     * @throws IllegalStateException naming what to add when neither is
     */
    static JsonCodec detect() {
        if (present("com.fasterxml.jackson.databind.ObjectMapper")
                && present("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule")) {
            return jackson();
        }
        if (present("jakarta.json.bind.JsonbBuilder")) {
            try {
                return jsonb();
            } catch (RuntimeException e) {
                // no implementation behind the API: say what to add below
            }
        }
        throw new IllegalStateException("Ferry needs a JSON binding and found none: add"
                + " com.fasterxml.jackson.core:jackson-databind with jackson-datatype-jsr310 and jackson-datatype-jdk8,"
                + " or a Jakarta JSON Binding implementation (org.eclipse:yasson)");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, JsonCodec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void requireClass(String className, String dependency) {
        if (!present(className)) {
            throw new IllegalStateException("Ferry's JSON binding needs " + className + " on the class path: add "
                    + dependency);
        }
    }
}

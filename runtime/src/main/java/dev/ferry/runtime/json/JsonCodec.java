package dev.ferry.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ferry's JSON: Jackson with {@code java.time} and {@code Optional} support, ISO-8601 dates, and
 * unknown properties ignored when reading (so stored data survives adding a field).
 */
public final class JsonCodec {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() { };

    private final ObjectMapper mapper;

    /** A codec with Ferry's default {@link ObjectMapper} configuration. */
    public JsonCodec() {
        this(defaultMapper());
    }

    /** @param mapper a mapper of the application's; used as it is */
    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return a new mapper configured as Ferry's default */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * @param value any Jackson-serializable value
     * @return its JSON as UTF-8 bytes
     * @throws JsonProcessingException if it cannot be serialized
     */
    public byte[] toBytes(Object value) throws JsonProcessingException {
        return mapper.writeValueAsBytes(value);
    }

    /**
     * @param value any Jackson-serializable value
     * @return its JSON text
     * @throws IllegalArgumentException if it cannot be serialized
     */
    public String toText(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value.getClass().getName() + " to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json JSON text or bytes
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the JSON does not fit the type
     */
    public <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read JSON as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json JSON text
     * @param type the type to read
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException if the JSON does not fit the type
     */
    public <T> T fromText(String json, Class<T> type) {
        return fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /**
     * Checks that a string is one well-formed JSON value.
     *
     * @param json the text
     * @return its UTF-8 bytes
     * @throws IllegalArgumentException if it is not well-formed JSON
     */
    public byte[] requireJson(String json) {
        // Streamed, not read into a tree: the check runs in every transaction that writes a message.
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("Empty JSON payload");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("Not well-formed JSON: more than one value, or text after the value");
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not well-formed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Reading a string failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param headers string headers
     * @return their JSON object text, or null for none
     */
    public String headersToText(Map<String, String> headers) {
        return headers == null || headers.isEmpty() ? null : toText(headers);
    }

    /**
     * @param text a JSON object of strings, or null
     * @return the headers, possibly empty
     */
    public Map<String, String> headersFromText(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return mapper.readValue(text, STRING_MAP);
        } catch (IOException e) {
            throw new IllegalArgumentException("Stored headers are not a JSON object of strings: " + e.getMessage(), e);
        }
    }

    /** @return the underlying mapper */
    public ObjectMapper mapper() {
        return mapper;
    }
}

package dev.ferry.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ferry's JSON through Jackson: by default with {@code java.time} and {@code Optional} support,
 * ISO-8601 dates, and unknown properties ignored when reading (so stored data survives adding a
 * field; {@link FerryObjectMapper}). Made by {@link JsonCodec#jackson()}, or with the application's
 * mapper by {@link JsonCodec#jackson(ObjectMapper)}: this class needs only {@code jackson-databind}.
 */
final class JacksonJsonCodec implements JsonCodec {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() { };

    private final ObjectMapper mapper;

    /** @param mapper a mapper of the application's, or Ferry's default; used as it is */
    JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = java.util.Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public byte[] toBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value.getClass().getName() + " to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toText(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value.getClass().getName() + " to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read JSON as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T fromText(String json, Class<T> type) {
        return fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Override
    public byte[] requireJson(String json) {
        // Streamed, not read into a tree: the check runs in every transaction that writes a message.
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("Empty JSON payload");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(
                        "Not well-formed JSON: more than one value, or text after the value");
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not well-formed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("Reading a string failed: " + e.getMessage(), e);
        }
    }

    @Override
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

    @Override
    public String toString() {
        return "Jackson";
    }
}

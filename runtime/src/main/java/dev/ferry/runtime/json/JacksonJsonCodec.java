package dev.ferry.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
        Map<String, String> plain = PlainHeaderText.read(text);
        if (plain != null) {
            return plain;
        }
        // Streamed: a flat object of strings needs no data binding.
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notHeaders("not a JSON object");
            }
            Map<String, String> headers = new LinkedHashMap<>(4);
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    headers.put(name, null);
                } else if (value != null && value.isScalarValue()) {
                    headers.put(name, parser.getText());
                } else {
                    throw notHeaders("header '" + name + "' is not a string");
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw notHeaders("not one JSON object");
            }
            return headers;
        } catch (IOException e) {
            throw notHeaders(e.getMessage());
        }
    }

    private static IllegalArgumentException notHeaders(String why) {
        return new IllegalArgumentException("Stored headers are not a JSON object of strings: " + why);
    }

    @Override
    public String toString() {
        return "Jackson";
    }
}

package dev.ferry.runtime.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Ferry's JSON through Jakarta JSON Binding (JSON-B) and JSON Processing (JSON-P), the APIs every
 * Jakarta EE 10 server provides. JSON-B's defaults: properties by their Java names, {@code null}
 * properties left out, unknown properties ignored when reading, {@code java.time} values as
 * ISO-8601 text; records are read through their canonical constructors. Made by
 * {@link JsonCodec#jsonb()}.
 */
final class JsonbJsonCodec implements JsonCodec {

    private final Jsonb jsonb;

    JsonbJsonCodec() {
        this(JsonbBuilder.create());
    }

    JsonbJsonCodec(Jsonb jsonb) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
    }

    @Override
    public String toText(Object value) {
        try {
            return jsonb.toJson(value);
        } catch (JsonbException | JsonException e) {
            throw new IllegalArgumentException("Cannot serialize " + value.getClass().getName() + " to JSON: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> T fromText(String json, Class<T> type) {
        try {
            return jsonb.fromJson(json, type);
        } catch (JsonbException | JsonException e) {
            throw new IllegalArgumentException("Cannot read JSON as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] requireJson(String json) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("Empty JSON payload");
        }
        // Streamed, not read into a tree: the check runs in every transaction that writes a message.
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            // Events counted by hand: Parsson's skipObject() loops for ever on a truncated object.
            int depth = 0;
            do {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> { }
                }
            } while (depth > 0);
            if (parser.hasNext()) {
                throw new IllegalArgumentException(
                        "Not well-formed JSON: more than one value, or text after the value");
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException("Not well-formed JSON: " + e.getMessage(), e);
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
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                if (!(e.getValue() instanceof JsonString s)) {
                    throw new IllegalArgumentException("Stored headers are not a JSON object of strings: header '"
                            + e.getKey() + "' is " + e.getValue().getValueType());
                }
                headers.put(e.getKey(), s.getString());
            }
            return headers;
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("Stored headers are not a JSON object of strings: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JSON-B";
    }
}

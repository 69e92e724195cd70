package dev.ferry.console.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Reads the JSON object of an action's request body, and its fields, with messages that name the field. */
public final class JsonBodies {

    /** The largest body an action takes. */
    static final int MAX_BODY = 1 << 20;
    /** The longest reason kept. */
    public static final int MAX_REASON = 2000;

    private JsonBodies() {
    }

    /**
     * @param body the request body
     * @return its JSON object
     * @throws IllegalArgumentException if it is empty, too large, or not a JSON object
     */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The request needs a JSON object body, such as {\"reason\": \"...\"}");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("The request body is over " + MAX_BODY + " characters");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("The request body must be a JSON object, was "
                        + value.getValueType());
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("The request body is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param body an action's body
     * @return its {@code reason}: required, 1 to 2000 characters, trimmed
     * @throws IllegalArgumentException naming the field if it is missing, not a string, blank or too long
     */
    public static String reason(JsonObject body) {
        String reason = optionalString(body, "reason");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why, for the audit");
        }
        reason = reason.strip();
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters, was "
                    + reason.length());
        }
        return reason;
    }

    /**
     * @param body a JSON object
     * @param field a field name
     * @return its string value, or null when absent or JSON null
     * @throws IllegalArgumentException naming the field if it is not a string
     */
    public static String optionalString(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(field + " must be a string, was " + value.getValueType());
    }
}

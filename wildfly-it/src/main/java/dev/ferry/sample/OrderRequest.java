package dev.ferry.sample;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code POST /orders} takes.
 *
 * @param customer who orders, 1 to {@value #MAX_CUSTOMER_LENGTH} characters; "blocked" is refused
 *     after the order and its message were written, so both roll back
 * @param totalCents the amount, 1 to {@value #MAX_TOTAL_CENTS}
 * @param failPayment make the saga's payment step fail for good: stock is released
 * @param failShipping make the shipping step fail for good: refund, then stock released
 * @param awaitCarrier the shipping step waits for the carrier's reply ({@code POST /sagas/{id}/shipped})
 */
public record OrderRequest(String customer, long totalCents, boolean failPayment, boolean failShipping,
                           boolean awaitCarrier) {

    /** Longest customer name accepted. */
    public static final int MAX_CUSTOMER_LENGTH = 100;
    /** Largest order total accepted, in cents. */
    public static final long MAX_TOTAL_CENTS = 10_000_000_000L;
    /** Longest request body read, in characters: larger ones are refused before they are parsed. */
    public static final int MAX_BODY_LENGTH = 4 * 1024 * 1024;

    private static final Set<String> FIELDS = Set.of("customer", "totalCents", "failPayment", "failShipping",
            "awaitCarrier");

    /**
     * Reads and checks a request body, field by field, so that every refusal names its field.
     *
     * @param body the request body
     * @return the request
     * @throws BadRequestException naming the field and its problem
     */
    public static OrderRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("body", "the request body is empty: send a JSON object such as"
                    + " {\"customer\":\"ada\",\"totalCents\":1999}");
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw new BadRequestException("body", "the request body is " + body.length() + " characters, over the"
                    + " limit of " + MAX_BODY_LENGTH);
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequestException("body", "the request body must be a JSON object, was a "
                        + value.getValueType().name().toLowerCase(Locale.ROOT));
            }
            json = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new BadRequestException("body", "the request body is not JSON: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            throw new BadRequestException(unknown.iterator().next(), "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ": the fields are " + new TreeSet<>(FIELDS));
        }
        return new OrderRequest(customer(json), totalCents(json), flag(json, "failPayment"),
                flag(json, "failShipping"), flag(json, "awaitCarrier"));
    }

    private static String customer(JsonObject json) {
        JsonValue v = json.get("customer");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            throw new BadRequestException("customer", "customer is required");
        }
        if (!(v instanceof JsonString s)) {
            throw new BadRequestException("customer", "customer must be a string, was " + type(v));
        }
        String customer = s.getString();
        if (customer.isBlank()) {
            throw new BadRequestException("customer", "customer must not be blank");
        }
        if (customer.length() > MAX_CUSTOMER_LENGTH) {
            throw new BadRequestException("customer", "customer is " + customer.length() + " characters, at most "
                    + MAX_CUSTOMER_LENGTH + " are allowed");
        }
        if (customer.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("customer", "customer must not hold control characters");
        }
        return customer;
    }

    private static long totalCents(JsonObject json) {
        JsonValue v = json.get("totalCents");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            throw new BadRequestException("totalCents", "totalCents is required");
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new BadRequestException("totalCents", "totalCents must be a whole number of cents, was "
                    + abbreviated(v.toString()));
        }
        if (n.bigIntegerValue().signum() <= 0 || n.bigIntegerValue().compareTo(
                BigInteger.valueOf(MAX_TOTAL_CENTS)) > 0) {
            throw new BadRequestException("totalCents", "totalCents must be between 1 and " + MAX_TOTAL_CENTS
                    + ", was " + abbreviated(n.toString()));
        }
        return n.longValueExact();
    }

    private static boolean flag(JsonObject json, String field) {
        JsonValue v = json.get(field);
        JsonValue.ValueType type = v == null ? JsonValue.ValueType.NULL : v.getValueType();
        if (type == JsonValue.ValueType.NULL || type == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (type == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw new BadRequestException(field, field + " must be true or false, was " + type(v));
    }

    private static String type(JsonValue v) {
        return v.getValueType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}

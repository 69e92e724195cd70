package dev.ferry.console.sagas;

import dev.ferry.saga.SagaSummary;
import dev.ferry.saga.SagaView;
import dev.ferry.saga.StepRecord;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sagas as the console's JSON: summaries for lists, and a saga's detail with its timeline. */
public final class SagaJson {

    private static final JsonWriterFactory PRETTY = Json.createWriterFactory(
            Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private SagaJson() {
    }

    /**
     * @param s a saga as a list shows it
     * @return its JSON
     */
    public static JsonObject summary(SagaSummary s) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", s.id().toString()).add("name", s.name())
                .add("version", s.version()).add("status", s.status().name()).add("attempts", s.attempts())
                .add("createdAt", s.createdAt().toString()).add("updatedAt", s.updatedAt().toString());
        text(o, "currentStep", s.currentStep());
        text(o, "idempotencyKey", s.idempotencyKey());
        text(o, "lastError", s.lastError());
        o.add("actions", strings(SagaActions.allowed(s.status(), s.attempts())));
        return o.build();
    }

    /**
     * @param s a saga found by id or key
     * @return its JSON as a list shows it
     */
    public static JsonObject summary(SagaView s) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", s.id().toString()).add("name", s.name())
                .add("version", s.version()).add("status", s.status().name()).add("attempts", s.attempts())
                .add("createdAt", s.createdAt().toString()).add("updatedAt", s.updatedAt().toString());
        text(o, "currentStep", s.currentStep());
        text(o, "lastError", s.lastError());
        o.add("actions", strings(SagaActions.allowed(s.status(), s.attempts())));
        return o.build();
    }

    /**
     * @param s the saga
     * @param steps its definition's step names in order (empty when its version is not registered here)
     * @param dataJson its data as JSON text, or null
     * @param traceparent the W3C trace context it started in, if recorded
     * @return its detail: fields, pretty-printed data, trace id, timeline, audit and allowed actions
     */
    public static JsonObject detail(SagaView s, List<String> steps, String dataJson, Optional<String> traceparent) {
        JsonObjectBuilder o = Json.createObjectBuilder(summary(s));
        o.add("steps", strings(steps));
        text(o, "data", dataJson == null ? null : pretty(dataJson));
        traceparent.ifPresent(t -> {
            o.add("traceparent", t);
            String[] parts = t.split("-");
            if (parts.length >= 3) {
                o.add("traceId", parts[1]);
            }
        });
        JsonArrayBuilder timeline = Json.createArrayBuilder();
        Instant previous = s.createdAt();
        for (StepRecord r : s.history()) {
            timeline.add(record(r, Duration.between(previous, r.at())));
            previous = r.at();
        }
        o.add("timeline", timeline);
        JsonArrayBuilder audit = Json.createArrayBuilder();
        for (StepRecord r : s.audit()) {
            audit.add(record(r, null));
        }
        o.add("audit", audit);
        return o.build();
    }

    /**
     * @param r a history entry
     * @param sincePrevious the time since the previous entry (or the start), or null
     * @return its JSON: step, outcome, attempt, time, error or reason, actor, the saga's data before and
     *     after (pretty-printed; null where the entry carries none) and the duration
     */
    public static JsonObject record(StepRecord r, Duration sincePrevious) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("step", r.step()).add("outcome", r.outcome().name())
                .add("attempt", r.attempt()).add("at", r.at().toString()).add("operatorAction", r.isOperatorAction());
        text(o, "error", r.isOperatorAction() ? null : r.error());
        text(o, "reason", r.isOperatorAction() ? r.error() : null);
        text(o, "actor", r.actor());
        text(o, "dataBefore", r.dataBefore() == null ? null : pretty(r.dataBefore()));
        text(o, "dataAfter", r.dataAfter() == null ? null : pretty(r.dataAfter()));
        if (sincePrevious != null) {
            o.add("durationMs", Math.max(0, sincePrevious.toMillis()));
        }
        return o.build();
    }

    /**
     * @param json JSON text
     * @return the same, pretty-printed; the text as it is when it is not JSON
     */
    static String pretty(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            StringWriter out = new StringWriter();
            try (JsonWriter writer = PRETTY.createWriter(out)) {
                writer.write(value);
            }
            return out.toString().strip();
        } catch (JsonException e) {
            return json;
        }
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static void text(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}

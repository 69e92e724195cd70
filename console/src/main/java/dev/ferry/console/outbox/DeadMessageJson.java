package dev.ferry.console.outbox;

import dev.ferry.outbox.DeadMessage;
import dev.ferry.outbox.OutboxAuditEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Dead messages and the outbox's audit entries as the console's JSON. */
public final class DeadMessageJson {

    /** Payloads longer than this are cut in the list (the operator sees the start). */
    static final int MAX_PAYLOAD_SHOWN = 64 * 1024;

    private DeadMessageJson() {
    }

    /**
     * @param m a dead message
     * @return its JSON; the payload as text when it is UTF-8 ({@code payloadEncoding} "utf-8"), else
     *     base64 ("base64"), cut at 64 KiB ({@code payloadTruncated})
     */
    public static JsonObject of(DeadMessage m) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", m.id().toString()).add("topic", m.topic())
                .add("attempts", m.attempts()).add("createdAt", m.createdAt().toString());
        text(o, "key", m.key());
        text(o, "type", m.type());
        text(o, "lastError", m.lastError());
        text(o, "contentType", m.contentType());
        byte[] payload = m.payload() == null ? new byte[0] : m.payload();
        boolean truncated = payload.length > MAX_PAYLOAD_SHOWN;
        byte[] shown = truncated ? Arrays.copyOf(payload, MAX_PAYLOAD_SHOWN) : payload;
        String utf8 = utf8(shown);
        if (utf8 != null) {
            o.add("payload", utf8).add("payloadEncoding", "utf-8");
        } else {
            o.add("payload", Base64.getEncoder().encodeToString(shown)).add("payloadEncoding", "base64");
        }
        o.add("payloadBytes", payload.length).add("payloadTruncated", truncated);
        JsonObjectBuilder headers = Json.createObjectBuilder();
        m.headers().forEach(headers::add);
        return o.add("headers", headers).build();
    }

    /**
     * @param e an audit entry of the outbox
     * @return its JSON
     */
    public static JsonObject of(OutboxAuditEntry e) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("action", e.action().name())
                .add("affected", e.affected()).add("actor", e.actor()).add("at", e.at().toString());
        text(o, "messageId", e.messageId() == null ? null : e.messageId().toString());
        text(o, "topic", e.topic());
        text(o, "reason", e.reason());
        return o.build();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void text(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}

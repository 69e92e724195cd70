package dev.ferry.outbox.write;

import dev.ferry.outbox.OutboxMessage;
import dev.ferry.outbox.PayloadSerializationException;
import dev.ferry.runtime.json.JsonCodec;

/**
 * A message payload turned into the bytes that are stored, with their content type.
 *
 * @param bytes the payload bytes, or null for no payload
 * @param contentType {@code application/json} or {@code application/octet-stream}
 */
record EncodedPayload(byte[] bytes, String contentType) {

    static final String JSON = "application/json";
    static final String BYTES = "application/octet-stream";

    static EncodedPayload of(OutboxMessage message, JsonCodec json) {
        Object payload = message.payload();
        try {
            return switch (message.payloadFormat()) {
                case BYTES -> new EncodedPayload((byte[]) payload, BYTES);
                case JSON -> new EncodedPayload(json.requireJson((String) payload), JSON);
                case OBJECT -> new EncodedPayload(payload == null ? null : json.toBytes(payload), JSON);
            };
        } catch (IllegalArgumentException e) {
            String what = payload == null ? "null" : payload.getClass().getName();
            throw new PayloadSerializationException("Cannot serialize the payload (" + what + ") of a message to"
                    + " topic '"
                    + message.topic() + "': " + e.getMessage() + "; no message was written", e);
        }
    }
}
